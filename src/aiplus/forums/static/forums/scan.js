// Check-in desk: read a confirmation's QR code with the browser's own BarcodeDetector (Chrome and Edge on
// Android, Safari 17+) and open the check-in link it holds. Browsers without it keep the search form.
(function () {
  "use strict";
  var video = document.getElementById("scanner");
  var button = document.getElementById("start-scan");
  var status = document.getElementById("scan-status");
  if (!video || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      button.hidden = true;
      return video.play().then(function () { look(stream); });
    }).catch(function (error) { status.textContent = error.message; });
  });
  function look(stream) {
    detector.detect(video).then(function (codes) {
      var link = codes.length ? codes[0].rawValue : "";
      if (link.indexOf(window.location.origin + "/forums/check-in/") === 0) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        window.location.assign(link);
      } else {
        window.setTimeout(function () { look(stream); }, 250);
      }
    }).catch(function () { window.setTimeout(function () { look(stream); }, 500); });
  }
})();
