/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // Refresh a collection's document list every 2 s while any document is queued or processing.
  function poll() {
    var box = document.getElementById("documents");
    if (!box || !box.hasAttribute("data-pending")) return;
    window.setTimeout(function () {
      fetch(box.getAttribute("data-poll-url"), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var current = document.getElementById("documents");
          if (current) current.outerHTML = html;
          poll();
        })
        .catch(function () { window.setTimeout(poll, 5000); });
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

  document.addEventListener("DOMContentLoaded", function () {
    poll();
    showPassage();
  });
})();
