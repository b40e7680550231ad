/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // Refresh a live box (a collection's documents, a meeting's progress) every 2 s while its work is pending.
  // A box marked data-reload-when-done reloads the whole page once the work is done, to show its result.
  function poll(id) {
    var box = document.getElementById(id);
    if (!box || !box.hasAttribute("data-pending")) return;
    window.setTimeout(function () {
      fetch(box.getAttribute("data-poll-url"), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var current = document.getElementById(id);
          if (!current) return;
          var reload = current.hasAttribute("data-reload-when-done");
          current.outerHTML = html;
          var updated = document.getElementById(id);
          if (reload && updated && !updated.hasAttribute("data-pending")) {
            window.location.reload();
            return;
          }
          poll(id);
        })
        .catch(function () { window.setTimeout(function () { poll(id); }, 5000); });
    }, 2000);
  }

  // Bring the cited passage into view.
  function showPassage() {
    var mark = document.getElementById("passage");
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  }

  // A button data-copy="ID" copies the text of the element with that id.
  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (source && navigator.clipboard) navigator.clipboard.writeText(source.innerText);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    poll("documents");
    poll("meeting-status");
    poll("pilot-status");
    poll("redact-status");
    copyButtons();
    showPassage();
  });
})();
