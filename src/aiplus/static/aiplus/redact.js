// The Redact page: a selection inside the file's text becomes the start and end offsets of a span to add.
(function () {
  "use strict";
  var text = document.getElementById("redact-text");
  var button = document.getElementById("redact-add-selection");
  var start = document.getElementById("redact-start");
  var end = document.getElementById("redact-end");
  var shown = document.getElementById("redact-selection");
  if (!text || !button) return;

  function offsetOf(node, offset) {
    var range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    var from = offsetOf(range.startContainer, range.startOffset);
    var to = offsetOf(range.endContainer, range.endOffset);
    if (to <= from || !range.toString().trim()) return;
    start.value = from;
    end.value = to;
    button.disabled = false;
    shown.textContent = "“" + range.toString() + "”";
  });
})();
