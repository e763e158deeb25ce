/* Marks the searched words on an article opened from a search result.
 *
 * The search worker (digest-search-worker.js) links each result with the query as the reader
 * typed it: articles/<id>/?h=معاهدة. Here the page folds those words with the same
 * normalisation as the index (normalize.js) and wraps every word of the article (title,
 * lead, body) that the worker would have matched in <mark class="digest-mark">: any
 * spelling (معاهدة/معاهده), with clitics and the article (والمعاهدة), the taxonomy's spelling
 * variants (سيرجي/سيرغي), an entity named by any alias (قره باغ → كاراباخ, ناجورني قره باج,
 * marked as one phrase), and the last word as a prefix, as the worker reads it while typed.
 * Material's own ?h= highlighting is off (mkdocs.yml: no search.highlight): it compares the
 * folded index spellings with the page's letters and marks nothing.
 *
 * Untrusted input: h comes from the URL and meta.json from the server. h is only ever folded
 * and compared, and marks are built from the page's own text nodes (createElement, splitText):
 * nothing is parsed as HTML. meta.json is read with JSON.parse and its shape checked.
 *
 * The pure part (compile, findRanges) runs in Node for tests/js/highlight.test.js.
 */
/* global DigestNormalize */
(function () {
  "use strict";

  var MIN_PREFIX = 2;        // as the worker: a one-letter prefix matches half the words
  var MAX_QUERY = 200;       // characters of h read
  var MAX_CLAUSES = 12;      // words or names of h used
  var MAX_NODES = 5000;      // text nodes visited on a page
  var MAX_CHARS = 300000;    // characters analysed on a page
  var MAX_MARKS = 500;       // marks added on a page
  var CONTENT = ".md-content h1, .digest-lead, .digest-body";
  // Never marked inside: code, form controls, the search UI (Material's and Zensical's box).
  var SKIP = "script, style, noscript, template, textarea, input, select, option, svg, " +
    "mark.digest-mark, .md-search, [data-md-component=search], .digest-search";
  // Text nodes under the same one of these read as one text (a name split by <b> is one
  // phrase); two blocks never run together.
  var BLOCK = /^(P|DIV|LI|DD|DT|H[1-6]|BLOCKQUOTE|TD|TH|FIGCAPTION|SECTION|ARTICLE|DETAILS|SUMMARY|PRE)$/;

  /* -- the matcher: pure, the worker's reading of a query -------------------------------- */

  function isStringArray(x) {
    return Array.isArray(x) && x.every(function (s) { return typeof s === "string"; });
  }

  /* meta.json's entities and variants, shape-checked: anything else is dropped, and an alias
   * with no words (it would match everywhere) too, as the worker does. */
  function readMeta(meta) {
    var out = { entities: [], variants: [] };
    if (!meta || typeof meta !== "object") return out;
    if (Array.isArray(meta.entities)) meta.entities.forEach(function (e) {
      if (!Array.isArray(e) || !Array.isArray(e[2])) return;
      var aliases = e[2].filter(function (a) {
        return Array.isArray(a) && a.length > 0 && a.every(function (f) { return isStringArray(f) && f.length > 0; });
      });
      if (aliases.length) out.entities.push({ slug: String(e[0]), aliases: aliases });
    });
    if (Array.isArray(meta.variants)) out.variants = meta.variants.filter(isStringArray);
    return out;
  }

  function matchesAt(phrase, forms, i, N) {
    if (i + phrase.length > forms.length) return false;
    for (var j = 0; j < phrase.length; j++)
      if (!N.sameWord(phrase[j], forms[i + j])) return false;
    return true;
  }

  function withVariants(forms, variants, N) {
    var out = forms.slice();
    variants.forEach(function (group) {
      if (N.sameWord(group, forms))
        group.forEach(function (w) { if (out.indexOf(w) < 0) out.push(w); });
    });
    return out;
  }

  /* The query's clauses, as the worker's parse() reads them: at each word the longest alias of
   * an entity that starts there (the clause then matches every alias of that entity), else the
   * word with its spelling variants; the last word also matches as a prefix. h is trimmed, so
   * its last word is always the one being typed. */
  function compile(N, query, meta) {
    var info = readMeta(meta);
    var tokens = N.analyze(String(query).slice(0, MAX_QUERY));
    var clauses = [];
    var i = 0;
    while (i < tokens.length && clauses.length < MAX_CLAUSES) {
      var best = null;
      info.entities.forEach(function (entity) {
        entity.aliases.forEach(function (alias) {
          if ((!best || alias.length > best.length) && matchesAt(alias, tokens, i, N))
            best = { entity: entity, length: alias.length };
        });
      });
      if (best) {
        clauses.push({ phrases: best.entity.aliases });
        i += best.length;  // ≥ 1: aliases with no words were dropped
      } else {
        var last = i === tokens.length - 1;
        clauses.push({
          forms: withVariants(tokens[i], info.variants, N),
          prefix: last && tokens[i][0].length >= MIN_PREFIX ? tokens[i][0] : null
        });
        i += 1;
      }
    }
    return clauses;
  }

  /* Words of the clause starting at token i of the text: 0 when none, else how many (a name's
   * alias, the longest that matches there, is marked as one phrase). */
  function matchLength(N, clause, tokens, forms, i) {
    if (clause.phrases) {
      var longest = 0;
      clause.phrases.forEach(function (p) {
        if (p.length > longest && matchesAt(p, forms, i, N)) longest = p.length;
      });
      return longest;
    }
    var f = tokens[i].forms;
    if (N.sameWord(clause.forms, f)) return 1;
    if (clause.prefix)
      for (var k = 0; k < f.length; k++) if (f[k].startsWith(clause.prefix)) return 1;
    return 0;
  }

  /* [start, end) character ranges of text to mark, ascending and apart; at most limit. A range
   * covers whole written words (their clitics and diacritics included). */
  function findRanges(N, clauses, text, limit) {
    var ranges = [];
    if (!clauses.length) return ranges;
    var max = limit === undefined ? MAX_MARKS : limit;
    var tokens = N.analyzeWithOffsets(text);
    var forms = tokens.map(function (t) { return t.forms; });
    var i = 0;
    while (i < tokens.length && ranges.length < max) {
      var length = 0;
      for (var c = 0; c < clauses.length; c++)
        length = Math.max(length, matchLength(N, clauses[c], tokens, forms, i));
      if (!length) { i++; continue; }
      var start = tokens[i].start, end = tokens[i + length - 1].end;
      var prev = ranges[ranges.length - 1];
      // One written word can fold into several tokens (NFKC): it is marked once.
      if (prev && start < prev[1]) prev[1] = Math.max(prev[1], end);
      else ranges.push([start, end]);
      i += length;
    }
    return ranges;
  }

  var api = { compile: compile, findRanges: findRanges, readMeta: readMeta };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  /* -- the page ------------------------------------------------------------------------- */

  var script = document.currentScript ||
    document.querySelector("script[src*='digest-highlight.js']");
  if (!script || !script.src) return;
  var here = script.src;   // …/assets/javascripts/digest-highlight.js, at any page depth
  var root = new URL("../../", here);

  function query() {
    var h;
    try { h = new URLSearchParams(location.search).get("h"); } catch (e) { return ""; }
    return h ? h.slice(0, MAX_QUERY).trim() : "";
  }

  /* normalize.js, next to this file; loaded only on a page opened with ?h=. */
  var normalizer = null;
  function loadNormalizer() {
    if (!normalizer) normalizer = new Promise(function (resolve, reject) {
      if (window.DigestNormalize) return resolve(window.DigestNormalize);
      var el = document.createElement("script");
      el.src = new URL("normalize.js", here).href;
      el.onload = function () {
        if (window.DigestNormalize) resolve(window.DigestNormalize);
        else reject(new Error("normalize.js: no DigestNormalize"));
      };
      el.onerror = function () { reject(new Error("normalize.js: not loaded")); };
      document.head.appendChild(el);
    });
    return normalizer;
  }

  /* Entities and variants; without them (an old index, a failed request) plain words are
   * still marked. */
  var metaLoad = null;
  function loadMeta() {
    if (!metaLoad) metaLoad = fetch(new URL("search/digest/meta.json", root).href)
      .then(function (res) { return res.ok ? res.text() : "null"; })
      .then(function (text) { return JSON.parse(text); })
      .catch(function () { return null; });
    return metaLoad;
  }

  function skipped(node, container) {
    for (var el = node.parentElement; el && el !== container; el = el.parentElement)
      if (el.matches(SKIP)) return true;
    return false;
  }

  function blockOf(node, container) {
    for (var el = node.parentElement; el && el !== container; el = el.parentElement)
      if (BLOCK.test(el.tagName)) return el;
    return container;
  }

  /* Runs of text nodes, one per block: [{nodes: [{node, start}], text}]. */
  function runs(containers, budget) {
    var out = [];
    containers.forEach(function (container) {
      var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      var run = null, block = null, node;
      while ((node = walker.nextNode()) && budget.nodes > 0 && budget.chars > 0) {
        // Spaces between inline elements are kept: they part the words on either side.
        if (skipped(node, container)) continue;
        budget.nodes--;
        budget.chars -= node.data.length;
        var b = blockOf(node, container);
        if (!run || b !== block) { run = { nodes: [], text: "" }; block = b; out.push(run); }
        run.nodes.push({ node: node, start: run.text.length });
        run.text += node.data;
      }
    });
    return out;
  }

  /* Wraps [start, end) of a run in marks, one per text node it crosses. Pieces are wrapped
   * from the last, so the offsets of the earlier ones stay valid. */
  function wrap(run, ranges) {
    var pieces = [];
    ranges.forEach(function (r) {
      run.nodes.forEach(function (n) {
        var from = Math.max(r[0], n.start), to = Math.min(r[1], n.start + n.node.data.length);
        if (from < to) pieces.push({ node: n.node, from: from - n.start, to: to - n.start });
      });
    });
    var marks = [];
    for (var k = pieces.length - 1; k >= 0; k--) {
      var p = pieces[k];
      var middle = p.node.splitText(p.from);
      middle.splitText(p.to - p.from);
      var mark = document.createElement("mark");
      mark.className = "digest-mark";
      middle.parentNode.replaceChild(mark, middle);
      mark.appendChild(middle);
      marks.unshift(mark);
    }
    return marks;
  }

  function containers() {
    var all = Array.prototype.slice.call(document.querySelectorAll(CONTENT));
    return all.filter(function (el) {  // one nested in another is walked once
      return !all.some(function (other) { return other !== el && other.contains(el); });
    });
  }

  function visible(el) {
    var r = el.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    return r.top >= top && r.bottom <= window.innerHeight;
  }

  /* Brings the first mark into view, smoothly, unless it is already in view or the reader is
   * elsewhere (a #anchor, a scroll position restored by the browser). */
  function reveal(mark) {
    if (location.hash || window.scrollY > 0 || visible(mark)) return;
    var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    mark.scrollIntoView({ behavior: calm ? "auto" : "smooth", block: "center" });
  }

  function run() {
    var h = query();
    if (!h) return;
    var targets = containers();
    if (!targets.length) return;
    Promise.all([loadNormalizer(), loadMeta()]).then(function (loaded) {
      var N = loaded[0];
      var clauses = compile(N, h, loaded[1]);
      if (!clauses.length) return;
      var budget = { nodes: MAX_NODES, chars: MAX_CHARS, marks: MAX_MARKS };
      var first = null;
      runs(targets, budget).forEach(function (r) {
        if (budget.marks <= 0) return;
        var ranges = findRanges(N, clauses, r.text, budget.marks);
        var marks = wrap(r, ranges);
        budget.marks -= marks.length;
        if (!first && marks.length) first = marks[0];
      });
      if (first) reveal(first);
    }).catch(function (err) { console.warn("digest-highlight:", err); });
  }

  // Material with instant navigation announces each page on document$; without it (or
  // under Zensical), the page is the one loaded.
  if (window.document$ && typeof window.document$.subscribe === "function")
    window.document$.subscribe(run);
  else if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", run);
  else
    run();
})();
