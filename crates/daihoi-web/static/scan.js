// Check-in by a phone's camera (issue 15 §7): on the check-in page, a
// button that opens the camera and reads the QR code of a delegate card
// with the browser's BarcodeDetector (Shape Detection API), fills the card
// number in and submits the form, as a clerk who typed it would. Where the
// browser has no BarcodeDetector (or no camera), the button stays hidden
// and the page is the typed form it is without JavaScript.
//
// After a check-in the page comes back (a redirect); while the clerk has
// not stopped scanning, it opens the camera again by itself
// (sessionStorage, this tab only).
(function () {
  "use strict";
  var KEY = "daihoi-scan";
  var form = document.getElementById("check-in-form");
  var button = document.getElementById("scan-button");
  var video = document.getElementById("scan-video");
  var hint = document.getElementById("scan-hint");
  if (!form || !button || !video) return;
  var input = form.querySelector("input[name=card]");
  if (!input || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop") || startLabel;
  var stream = null;
  var timer = null;
  var detector = null;

  function stop(remember) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.hidden = true;
    if (hint) hint.hidden = true;
    button.textContent = startLabel;
    if (!remember) { try { sessionStorage.removeItem(KEY); } catch (e) { /* private mode */ } }
  }

  function scan() {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      var found = codes.map(function (c) { return (c.rawValue || "").trim(); }).filter(function (v) { return v; });
      if (found.length > 0) {
        input.value = found[0];
        stop(true);
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        return;
      }
      timer = setTimeout(scan, 200);
    }, function () {
      timer = setTimeout(scan, 400);
    });
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      if (hint) hint.hidden = false;
      button.textContent = stopLabel;
      try { sessionStorage.setItem(KEY, "1"); } catch (e) { /* private mode */ }
      return video.play().then(scan);
    }).catch(function () {
      stop(false);
    });
  }

  BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) return;
    detector = new BarcodeDetector({ formats: ["qr_code"] });
    button.hidden = false;
    button.addEventListener("click", function () {
      if (stream) { stop(false); } else { start(); }
    });
    var again = false;
    try { again = sessionStorage.getItem(KEY) === "1"; } catch (e) { /* private mode */ }
    if (again) start();
  }, function () { /* no detector: typing stays */ });
})();
