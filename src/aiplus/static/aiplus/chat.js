/* Chat page: send the question and show the answer as it streams in (server-sent events over fetch).
   Without this file, or without fetch streams, the form posts and the page shows the whole answer. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Split a text/event-stream body into events; returns the unfinished tail.
  function parseEvents(buffer, onEvent) {
    var parts = buffer.split("\n\n");
    var tail = parts.pop();
    parts.forEach(function (block) {
      var kind = "message", data = [];
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) kind = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
      });
      if (data.length) onEvent(kind, JSON.parse(data.join("\n")));
    });
    return tail;
  }

  function renderCitations(item, citations, strings) {
    if (!citations.length) return;
    item.appendChild(element("h3", "", strings.sources));
    var list = element("ol", "citations");
    citations.forEach(function (citation) {
      var entry = element("li", "citation");
      entry.value = citation.number;
      var link = element("a", "", citation.title);
      link.href = citation.url;
      entry.appendChild(link);
      entry.appendChild(element("blockquote", "", citation.quote.length > 300 ? citation.quote.slice(0, 299) + "…" : citation.quote));
      list.appendChild(entry);
    });
    item.appendChild(list);
  }

  function start(form) {
    var strings = document.getElementById("chat-strings").dataset;
    var turns = document.getElementById("turns");
    var failure = document.getElementById("stream-error");
    var input = form.querySelector("[name=question]");
    var button = form.querySelector("button[type=submit]");

    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.TextDecoder || !window.ReadableStream || !input.value.trim()) return;
      event.preventDefault();
      var body = new FormData(form);
      var item = element("li", "turn card");
      var heading = element("h2", "turn-question");
      heading.appendChild(element("span", "visually-hidden", strings.youAsked + " "));
      heading.appendChild(document.createTextNode(input.value.trim()));
      item.appendChild(heading);
      var answer = element("p", "answer-text");
      answer.setAttribute("aria-busy", "true");
      answer.setAttribute("aria-live", "polite");
      var status = element("p", "small muted turn-status", strings.writing);
      item.appendChild(status);
      item.appendChild(answer);
      turns.appendChild(item);
      failure.hidden = true;
      button.disabled = true;
      input.value = "";

      function fail(message) {
        status.remove();
        answer.setAttribute("aria-busy", "false");
        failure.textContent = message || strings.failed;
        failure.hidden = false;
      }

      function onEvent(kind, data) {
        if (kind === "turn") {
          item.id = "turn-" + data.number;
          if (data.rewrite !== "none") {
            item.insertBefore(element("p", "small muted turn-query", strings.searchedFor + " " + data.query), status);
          }
        } else if (kind === "delta") {
          answer.textContent += data.text;
        } else if (kind === "done") {
          var turn = data.turn;
          status.remove();
          answer.textContent = turn.answer;
          answer.setAttribute("aria-busy", "false");
          if (turn.notice) item.appendChild(element("p", "notice", turn.notice));
          renderCitations(item, turn.citations, strings);
          if (turn.flags && turn.flags.length) {
            var flagged = element("div", "notice turn-flags");
            flagged.appendChild(element("p", "", strings.flags));
            var reasons = element("ul");
            turn.flags.forEach(function (flag) {
              reasons.appendChild(element("li", "", (flag.title || "") + (flag.message ? ": " + flag.message : "")));
            });
            flagged.appendChild(reasons);
            item.appendChild(flagged);
          }
          if (turn.found && !turn.grounded) item.appendChild(element("p", "notice", strings.ungrounded));
          item.setAttribute("data-done", "true");
          var title = document.getElementById("chat-title");
          if (title && data.title) { title.textContent = data.title; document.title = data.title; }
        } else if (kind === "error") {
          fail(data.error && data.error.message);
        }
      }

      var headers = { "X-CSRFToken": body.get("csrfmiddlewaretoken"), "X-Requested-With": "fetch" };
      fetch(form.getAttribute("data-stream-url"), { method: "POST", body: body, credentials: "same-origin", headers: headers })
        .then(function (response) {
          if (!response.ok || !response.body) {
            return response.json().then(function (error) { fail(error.error && error.error.message); }, function () { fail(); });
          }
          var reader = response.body.getReader();
          var decoder = new TextDecoder();
          var buffer = "";
          function read() {
            return reader.read().then(function (chunk) {
              if (chunk.done) {
                parseEvents(buffer + "\n\n", onEvent);
                return;
              }
              buffer = parseEvents(buffer + decoder.decode(chunk.value, { stream: true }), onEvent);
              return read();
            });
          }
          return read();
        })
        .catch(function () { fail(); })
        .then(function () { button.disabled = false; input.focus(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("ask-form");
    if (form) start(form);
    document.querySelectorAll("form[data-confirm]").forEach(function (confirmForm) {
      confirmForm.addEventListener("submit", function (event) {
        if (!window.confirm(confirmForm.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  });
})();
