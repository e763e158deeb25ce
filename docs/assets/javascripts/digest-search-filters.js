/* Search filters: topic, publisher and year, as chips in the search panel, above the results.
 *
 * The search worker (digest-search-worker.js) posts FACETS (101) after every result: for each
 * group, the values found among all the query's matches with their counts. A chip pressed
 * sends FILTER (100) with the chosen value of each group (one per group, null for any); the
 * worker answers the query again, narrowed, and Material shows that result as any other. The
 * filters stay while the reader types on, and go when the search box is emptied.
 *
 * The worker is the one Material starts (overrides/main.html notes it when it is made). */
(function () {
  "use strict";
  var FILTER = 100, FACETS = 101;
  var GROUPS = [["topic", "الموضوع"], ["source", "المصدر"], ["year", "السنة"]];
  var state = { topic: null, source: null, year: null };
  var box = null;
  var attached = null;

  function send(worker) {
    worker.postMessage({ type: FILTER, data: { topic: state.topic, source: state.source, year: state.year } });
  }

  function container() {
    var result = document.querySelector(".md-search-result");
    var list = result && result.querySelector(".md-search-result__list");
    if (!list) return null;
    if (!box || box.parentNode !== result) {
      box = document.createElement("div");
      box.className = "digest-filters";
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "تصفية النتائج");
      result.insertBefore(box, list);
    }
    return box;
  }

  function chip(worker, group, value) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "digest-filter";
    button.setAttribute("aria-pressed", value[3] ? "true" : "false");
    button.setAttribute("data-group", group);
    var label = document.createElement("bdi");
    label.textContent = value[1];
    var count = document.createElement("span");
    count.className = "digest-filter__count";
    count.textContent = String(value[2]);
    button.appendChild(label);
    button.appendChild(document.createTextNode(" "));
    button.appendChild(count);
    button.addEventListener("click", function () {
      state[group] = value[3] ? null : String(value[0]);
      send(worker);
    });
    return button;
  }

  function render(worker, data) {
    var el = container();
    if (!el) return;
    el.textContent = "";
    var groups = data && data.groups;
    if (!groups) {
      el.hidden = true;
      if (state.topic !== null || state.source !== null || state.year !== null) {
        state = { topic: null, source: null, year: null };  // the box was emptied
        send(worker);
      }
      return;
    }
    var shown = 0;
    GROUPS.forEach(function (g) {
      var values = groups[g[0]] || [];
      // One value and nothing chosen: the chip would not narrow anything.
      if (!values.length || (values.length < 2 && state[g[0]] === null)) return;
      var row = document.createElement("div");
      row.className = "digest-filters__group";
      var name = document.createElement("span");
      name.className = "digest-filters__name";
      name.textContent = g[1];
      var chips = document.createElement("div");
      chips.className = "digest-filters__chips";
      values.forEach(function (v) { chips.appendChild(chip(worker, g[0], v)); });
      row.appendChild(name);
      row.appendChild(chips);
      el.appendChild(row);
      shown++;
    });
    el.hidden = shown === 0;
  }

  function attach() {
    var worker = window.__digestSearchWorker;
    if (!worker || worker === attached) return;
    attached = worker;
    worker.addEventListener("message", function (ev) {
      var message = ev.data;
      if (message && message.type === FACETS) render(worker, message.data);
    });
  }

  document.addEventListener("digest:search-worker", attach);
  attach();
})();
