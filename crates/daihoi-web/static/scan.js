// Check-in by a phone's camera (issue 15 §7): on the check-in page, a
// button that opens the camera and reads the QR code of a delegate card,
// fills the card number in and submits the form, as a clerk who typed it
// would.
//
// The code is read by the browser's BarcodeDetector (Shape Detection API)
// where it reads QR codes (Chrome on Android, macOS, ChromeOS), and
// otherwise by jsQR (vendored, `/static/vendor/jsQR-1.4.0.min.js`, loaded
// only when the camera is first opened) on a frame drawn to a canvas:
// Safari on iPhones, Firefox, Chrome on Linux or Windows. Where the
// browser has no camera at all, the button stays hidden and the page is
// the typed form it is without JavaScript.
//
// After a check-in the page comes back (a redirect); while the clerk has
// not stopped scanning, it opens the camera again by itself
// (sessionStorage, this tab only). The card just read is then still in
// front of the camera: it is not sent again until it has left the picture
// (a frame without it), so one card held still makes one check-in.
(function () {
  "use strict";
  var KEY = "daihoi-scan";
  var LAST = "daihoi-scan-last";
  var JSQR = "/static/vendor/jsQR-1.4.0.min.js";
  var form = document.getElementById("check-in-form");
  var button = document.getElementById("scan-button");
  var video = document.getElementById("scan-video");
  var hint = document.getElementById("scan-hint");
  if (!form || !button || !video) return;
  var input = form.querySelector("input[name=card]");
  if (!input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop") || startLabel;
  var stream = null;
  var timer = null;
  var read = null; // a function: the video -> a promise of the codes' texts
  var last = null;
  try { last = sessionStorage.getItem(LAST); } catch (e) { /* private mode */ }

  function remember(key, value) {
    try {
      if (value === null) { sessionStorage.removeItem(key); } else { sessionStorage.setItem(key, value); }
    } catch (e) { /* private mode */ }
  }

  // The native reader, when the browser has one for QR codes.
  function nativeReader() {
    if (!("BarcodeDetector" in window)) return Promise.resolve(null);
    return BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") < 0) return null;
      var detector = new BarcodeDetector({ formats: ["qr_code"] });
      return function (v) {
        return detector.detect(v).then(function (codes) {
          return codes.map(function (c) { return c.rawValue || ""; });
        });
      };
    }, function () { return null; });
  }

  // jsQR on a canvas, the script loaded once.
  function scriptReader() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) { resolve(); return; }
      var s = document.createElement("script");
      s.src = JSQR;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("jsQR")); };
      document.head.appendChild(s);
    }).then(function () {
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function (v) {
        var w = v.videoWidth, h = v.videoHeight;
        if (!w || !h) return Promise.resolve([]);
        // At most 640 pixels wide: a card held up fills enough of it, and
        // a phone decodes a smaller frame faster.
        var scale = Math.min(1, 640 / w);
        canvas.width = Math.round(w * scale);
        canvas.height = Math.round(h * scale);
        context.drawImage(v, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        return Promise.resolve(code ? [code.data] : []);
      };
    });
  }

  function reader() {
    if (read) return Promise.resolve(read);
    return nativeReader().then(function (r) { return r || scriptReader(); }).then(function (r) {
      read = r;
      return r;
    });
  }

  function stop(keep) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.hidden = true;
    if (hint) hint.hidden = true;
    button.textContent = startLabel;
    if (!keep) { remember(KEY, null); remember(LAST, null); last = null; }
  }

  function scan() {
    if (!stream) return;
    read(video).then(function (texts) {
      var found = texts.map(function (t) { return t.trim(); }).filter(function (t) { return t; });
      if (last !== null && found.indexOf(last) < 0) {
        // The card last sent has left the picture: it may be read again.
        last = null;
        remember(LAST, null);
      }
      var fresh = found.filter(function (t) { return t !== last; });
      if (fresh.length > 0) {
        input.value = fresh[0];
        remember(LAST, fresh[0]);
        // A form that needs more than the card (the floor's PIN) waits
        // for the person at its next empty field.
        var missing = form.querySelector("input:invalid");
        if (missing) {
          stop(false);
          missing.focus();
          return;
        }
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
    Promise.all([
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }),
      reader(),
    ]).then(function (both) {
      stream = both[0];
      video.srcObject = stream;
      video.hidden = false;
      if (hint) hint.hidden = false;
      button.textContent = stopLabel;
      remember(KEY, "1");
      return video.play().then(scan);
    }).catch(function () {
      stop(false);
    });
  }

  // The button shows only where there is a camera to open.
  var devices = navigator.mediaDevices.enumerateDevices ? navigator.mediaDevices.enumerateDevices() : Promise.resolve([]);
  devices.then(function (list) {
    if (!list.some(function (d) { return d.kind === "videoinput"; })) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (stream) { stop(false); } else { start(); }
    });
    var again = false;
    try { again = sessionStorage.getItem(KEY) === "1"; } catch (e) { /* private mode */ }
    if (again) start();
  }, function () { /* no list: typing stays */ });
})();
