/* The search box of the Zensical build (overrides-zensical/partials/search.html).
 *
 * It drives the same Arabic worker as Material's box in the MkDocs build
 * (assets/javascripts/digest-search-worker.js), with Material's protocol: SETUP (0) → READY (1),
 * QUERY (2, the text as typed) → RESULT (3) {items: [[{location, title, text}], ...]}, where
 * location is relative to the site's root and title and text are HTML escaped by the worker,
 * with <mark> around what matched. Every input event searches (each letter, input methods,
 * paste); the worker answers only the latest query.
 *
 * Keys: / s f or Ctrl+K open the box (as in Material), ↓ ↑ choose a result, Enter opens the
 * chosen one (the first by default), Escape closes.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-digest-search]");
  if (!root) return;
  var input = root.querySelector("[data-digest-search-input]");
  var output = root.querySelector("[data-digest-search-output]");
  var status = root.querySelector("[data-digest-search-status]");
  var list = root.querySelector("[data-digest-search-results]");
  var toggle = document.getElementById("__search"); // the header's search button on phones
  var base = new URL(root.getAttribute("data-base") + "/", location.href);
  var worker = null;
  var ready = false;
  var waiting = null;   // a query typed before the worker was ready
  var links = [];
  var chosen = 0;

  function start() {
    if (worker) return;
    worker = new Worker(new URL(root.getAttribute("data-worker"), location.href));
    worker.onmessage = function (ev) {
      if (ev.data.type === 1) {
        ready = true;
        if (waiting !== null) send(waiting);
      } else if (ev.data.type === 3) {
        show(ev.data.data.items || []);
      }
    };
    worker.postMessage({ type: 0 });
  }

  function send(query) {
    if (!ready) { waiting = query; return; }
    waiting = null;
    worker.postMessage({ type: 2, data: query });
  }

  function count(n) {
    if (n === 0) return root.getAttribute("data-none");
    if (n === 1) return root.getAttribute("data-one");
    return root.getAttribute("data-other").replace("#", String(n));
  }

  function show(groups) {
    if (!input.value.trim()) return close();
    list.textContent = "";
    links = [];
    groups.forEach(function (group) {
      var item = group[0];
      var li = document.createElement("li");
      li.className = "digest-search__item";
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = new URL(item.location, base).href;
      var h = document.createElement("h2");
      h.className = "digest-search__title";
      h.innerHTML = item.title;         // escaped by the worker, <mark> added
      var p = document.createElement("p");
      p.className = "digest-search__text";
      p.innerHTML = item.text;          // idem
      a.appendChild(h);
      a.appendChild(p);
      li.appendChild(a);
      list.appendChild(li);
      links.push(a);
    });
    status.textContent = count(links.length);
    choose(0);
    output.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function choose(i) {
    if (!links.length) return;
    chosen = (i + links.length) % links.length;
    links.forEach(function (a, j) {
      a.parentNode.setAttribute("aria-selected", j === chosen ? "true" : "false");
    });
    links[chosen].scrollIntoView({ block: "nearest" });
  }

  function close() {
    output.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  input.addEventListener("focus", start);
  input.addEventListener("input", function () {
    start();
    if (input.value.trim()) send(input.value);
    else close();
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.isComposing || ev.keyCode === 229) return;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      choose(chosen + (ev.key === "ArrowDown" ? 1 : -1));
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (links.length && !output.hidden) location.href = links[chosen].href;
    } else if (ev.key === "Escape") {
      close();
      if (toggle) toggle.checked = false;
      input.blur();
    }
  });
  // Keys pressed here are ours, not the theme's shortcuts.
  input.addEventListener("keyup", function (ev) { ev.stopPropagation(); });
  // A click elsewhere closes the results, and on phones the box (it covers the header).
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (root.contains(t) || t === toggle || (t.closest && t.closest("label[for=__search]"))) return;
    close();
    if (toggle) toggle.checked = false;
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var plain = !ev.ctrlKey && !ev.metaKey && !ev.altKey;
    if ((plain && (ev.key === "/" || ev.key === "s" || ev.key === "f")) ||
        (ev.key === "k" && (ev.ctrlKey || ev.metaKey) && !ev.altKey)) {
      ev.preventDefault();
      if (toggle) toggle.checked = true;
      start();
      input.focus();
    }
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { start(); setTimeout(function () { input.focus(); }, 0); }
      else close();
    });
  }
})();
