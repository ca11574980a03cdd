// Floor votes (issue 16 §5): the page follows the server's stream of
// server-sent events (EventSource) and shows itself again when what it
// shows changed (a vote opened or closed, a ballot counted). The element
// with `data-events` names the stream and `data-state` what the page was
// made from; without JavaScript the page is the same, reloaded by hand.
(function () {
  "use strict";
  var el = document.querySelector("[data-events]");
  if (!el || !("EventSource" in window)) return;
  var shown = el.getAttribute("data-state");
  var source = new EventSource(el.getAttribute("data-events"));
  source.addEventListener("state", function (e) {
    if (shown === null) { shown = e.data; return; }
    if (e.data !== shown) {
      source.close();
      window.location.reload();
    }
  });
})();
