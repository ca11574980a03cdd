// The board's projector (issue 16): the page follows the server's stream
// of server-sent events (EventSource); each `totals` event carries the
// texts of the page's `data-key` elements, put in place as they come. When
// the count is closed the page is shown again (it then says so). Without
// JavaScript the page is the same, reloaded by hand.
(function () {
  "use strict";
  var el = document.querySelector("[data-projector]");
  if (!el || !("EventSource" in window)) return;
  var source = new EventSource(el.getAttribute("data-projector"));
  source.addEventListener("totals", function (e) {
    var now = JSON.parse(e.data);
    Object.keys(now.values).forEach(function (k) {
      var target = el.querySelector('[data-key="' + k + '"]');
      if (target && target.textContent !== now.values[k]) target.textContent = now.values[k];
    });
    el.setAttribute("data-updated", String(Date.now()));
    if (now.closed) {
      source.close();
      window.location.reload();
    }
  });
})();
