// The clerk's entry page (issue 16): no typed ballot is ever lost. Without
// JavaScript the form posts and the page comes back, as before. With it:
// Enter puts the ballot in a queue kept in localStorage (per election,
// round, entry and account), the next number and the focus come back at
// once, and the queue is sent in order to the same form endpoint (the
// session's cookie and CSRF token, `Accept: application/json`). A ballot
// leaves the queue only when the server acknowledged it (new, unchanged,
// replaced); a network failure, a 5xx or an ended session keep it and
// retry with a growing delay; a reload sends the queue again first (the
// same marks again write nothing). A conflict (409: other marks already
// recorded for that number, by this clerk or another clerk of the same
// entry) stops that ballot and shows both, with the explicit choice; a
// refusal (422) shows the server's reason and keeps the typed line for
// editing. The line is checked here only for hints: the server judges.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  var live = document.getElementById("entry-live");
  if (!form || !live || !window.fetch || !window.localStorage || !window.URLSearchParams) return;

  var key = "daihoi.entry." + form.getAttribute("data-queue");
  var issued = parseInt(form.getAttribute("data-issued"), 10) || 0;
  var names = parseInt(form.getAttribute("data-names"), 10) || 0;
  var agreeDisagree = form.getAttribute("data-ad") === "1";
  var field = function (name) { return form.elements.namedItem(name); };
  var csrf = field("csrf").value;
  var round = field("round").value;
  var ballotField = field("ballot");
  var marksField = field("marks");
  var flagNames = ["not_issued", "write_in", "marked"];
  var statusEl = document.getElementById("entry-waiting");
  var problemsEl = document.getElementById("entry-issues");
  var hintEl = document.getElementById("entry-hint");
  var doneEl = document.getElementById("entry-done");
  var sending = false;
  var timer = null;
  var delay = 1000;
  var trouble = "";

  function text(name) { return live.getAttribute("data-" + name) || ""; }
  function fill(message, values) {
    return message.replace(/\{(\w+)\}/g, function (all, k) { return values[k] === undefined ? all : String(values[k]); });
  }

  function load() {
    try {
      var q = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(q) ? q : [];
    } catch (e) {
      return [];
    }
  }
  function save(q) {
    if (q.length) localStorage.setItem(key, JSON.stringify(q));
    else localStorage.removeItem(key);
  }
  function change(id, f) {
    var q = load();
    for (var i = 0; i < q.length; i++) {
      if (q[i].id === id) {
        if (f(q[i]) === false) q.splice(i, 1);
        break;
      }
    }
    save(q);
  }

  // Speed hints only (the server is the judge): a character the server will
  // not read, a name's number off the list, a ballot number not issued.
  function hint() {
    var b = ballotField.value.trim();
    if (b && (!/^\d+$/.test(b) || +b < 1 || +b > issued)) return fill(text("hint-ballot"), { issued: issued });
    var line = marksField.value;
    var m = line.match(agreeDisagree ? /[^0-9\s,.;\-dbnDBN]/ : /[^0-9\s,.;\-]/);
    if (m) return fill(text("hint-char"), { char: m[0] });
    var numbers = line.match(/\d+/g) || [];
    for (var i = 0; i < numbers.length; i++) {
      var n = +numbers[i];
      if (n < 1 || n > names) return fill(text("hint-name"), { number: n, names: names });
    }
    if (agreeDisagree && /^\s*\d/.test(line)) return text("hint-letter");
    return "";
  }
  function showHint() {
    var h = hint();
    hintEl.textContent = h;
    hintEl.hidden = !h;
  }

  function button(label, act) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", act);
    return b;
  }
  function line(label, value) {
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = label + " ";
    p.appendChild(strong);
    p.appendChild(document.createTextNode(value));
    return p;
  }
  function typedLine(item) {
    var flags = flagNames.filter(function (f) { return item[f]; }).map(function (f) { return text("flag-" + f); });
    var marks = item.marks.trim() || text("nothing");
    return flags.length ? marks + " · " + flags.join(", ") : marks;
  }

  function render() {
    var q = load();
    var waiting = q.filter(function (x) { return x.state === "wait"; });
    statusEl.setAttribute("data-count", String(waiting.length));
    var words = waiting.length
      ? fill(text("waiting"), { count: waiting.length, ballots: waiting.map(function (x) { return x.ballot; }).join(", ") })
      : text("all-sent");
    statusEl.textContent = trouble ? words + " " + trouble : words;
    statusEl.className = waiting.length ? "problem" : "notice";
    problemsEl.replaceChildren();
    q.forEach(function (item) {
      if (item.state === "wait") return;
      var box = document.createElement("div");
      box.className = "problem entry-issue";
      box.setAttribute("role", "alert");
      box.setAttribute("data-ballot", item.ballot);
      box.setAttribute("data-state", item.state);
      box.appendChild(line(fill(text("ballot"), { ballot: item.ballot }), item.message || ""));
      if (item.state === "conflict") {
        box.appendChild(line(text("held"), item.held || "?"));
        box.appendChild(line(text("typed"), typedLine(item)));
        box.appendChild(button(text("replace"), function () {
          change(item.id, function (x) { x.state = "wait"; x.replace = true; });
          render();
          pump();
        }));
        box.appendChild(document.createTextNode(" "));
        box.appendChild(button(text("keep"), function () {
          change(item.id, function () { return false; });
          render();
        }));
      } else {
        box.appendChild(line(text("typed"), typedLine(item)));
        box.appendChild(button(text("edit"), function () {
          change(item.id, function () { return false; });
          ballotField.value = item.ballot;
          marksField.value = item.marks;
          flagNames.forEach(function (f) { var c = field(f); if (c) c.checked = !!item[f]; });
          render();
          showHint();
          marksField.focus();
        }));
      }
      problemsEl.appendChild(box);
    });
  }

  function acknowledged(answer) {
    doneEl.textContent = answer.message;
    doneEl.hidden = false;
    if (answer.progress) document.getElementById("entry-progress").textContent = answer.progress;
    var table = document.getElementById("latest");
    var none = document.getElementById("entry-none");
    if (table && answer.line) {
      if (none) none.hidden = true;
      table.hidden = false;
      var tbody = table.tBodies[0];
      var row = tbody.insertRow(0);
      var cell = row.insertCell(0);
      cell.className = "number";
      cell.textContent = String(answer.ballot);
      row.insertCell(1).textContent = answer.line;
      while (tbody.rows.length > 12) tbody.deleteRow(tbody.rows.length - 1);
    }
  }

  function later(why) {
    trouble = why;
    delay = Math.min(delay * 2, 30000);
    clearTimeout(timer);
    timer = setTimeout(pump, delay);
    render();
  }

  function send(item) {
    var body = new URLSearchParams();
    body.append("csrf", csrf);
    body.append("round", round);
    body.append("ballot", item.ballot);
    body.append("marks", item.marks);
    flagNames.forEach(function (f) { if (item[f]) body.append(f, "1"); });
    if (item.replace) body.append("replace", "1");
    return fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
      body: body
    }).then(function (res) {
      var type = res.headers.get("content-type") || "";
      if (res.type === "opaqueredirect") return { kind: "signed-out" };
      if (type.indexOf("application/json") === 0) {
        return res.json().then(function (a) { return { kind: "answer", status: res.status, answer: a }; });
      }
      return { kind: res.status >= 500 ? "retry" : "blocked", status: res.status };
    }, function () {
      return { kind: "retry", status: 0 };
    });
  }

  function pump() {
    if (sending) return;
    clearTimeout(timer);
    timer = null;
    var item = load().filter(function (x) { return x.state === "wait"; })[0];
    if (!item) {
      trouble = "";
      render();
      return;
    }
    sending = true;
    send(item).then(function (r) {
      sending = false;
      if (r.kind === "answer" && r.status === 200) {
        change(item.id, function () { return false; });
        delay = 1000;
        trouble = "";
        acknowledged(r.answer);
        render();
        pump();
      } else if (r.kind === "answer" && (r.status === 409 || r.status === 422)) {
        change(item.id, function (x) {
          x.state = r.status === 409 ? "conflict" : "refused";
          x.message = r.answer.message;
          x.held = r.answer.held;
          x.replace = false;
        });
        trouble = "";
        render();
        pump();
      } else if (r.kind === "signed-out") {
        later(text("signed-out"));
      } else if (r.kind === "blocked" || r.kind === "answer") {
        later(fill(text("blocked"), { status: r.status }));
      } else {
        later(text("offline"));
      }
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var b = ballotField.value.trim();
    if (!b) {
      ballotField.focus();
      return;
    }
    var replace = field("replace");
    var item = {
      id: Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
      ballot: b,
      marks: marksField.value,
      replace: !!(replace && replace.checked),
      state: "wait"
    };
    flagNames.forEach(function (f) { var c = field(f); item[f] = !!(c && c.checked); if (c) c.checked = false; });
    if (replace) replace.checked = false;
    var q = load();
    q.push(item);
    save(q);
    if (/^\d+$/.test(b) && +b < issued) ballotField.value = String(+b + 1);
    marksField.value = "";
    showHint();
    marksField.focus();
    render();
    pump();
  });
  ballotField.addEventListener("input", showHint);
  marksField.addEventListener("input", showHint);
  window.addEventListener("online", function () { delay = 1000; pump(); });

  // The page came back (a reload, a new tab): the next number after those
  // waiting, then the queue sent again first.
  live.hidden = false;
  var highest = 0;
  load().forEach(function (x) { if (/^\d+$/.test(x.ballot)) highest = Math.max(highest, +x.ballot); });
  if (!document.getElementById("entry-problem") && highest && +ballotField.value <= highest && highest < issued) {
    ballotField.value = String(highest + 1);
  }
  render();
  pump();
})();
