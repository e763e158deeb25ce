/* Arabic search worker for Material's search box.
 *
 * Material's UI (input, keyboard, result list) stays; it talks to this worker with its own
 * protocol: SETUP (0) → READY (1), QUERY (2) → RESULT (3) {items: [[item, ...], ...]}.
 * overrides/main.html points Material's configuration here.
 *
 * Why not lunr: Material sends each keystroke with a trailing wildcard, which lunr's Arabic
 * stemmer mangles (a single word finds nothing until a space is typed), and lunr knows no
 * spelling variants. Here a query is analysed with the same normalisation as the index
 * (normalize.js mirrors digest/language/normalize.py), the word being typed is matched as a prefix,
 * and a name in any spelling of the taxonomy finds every article about that entity.
 *
 * A result links to its article with ?h=<the query as typed>; digest-highlight.js marks those
 * words on the opened page. Its snippet is the passage with the most phrase and exact matches,
 * under a line with the article's date (when it has one) and publisher.
 *
 * Filters (topic, publisher, year): besides Material's messages, the worker answers its own.
 * With every result it posts FACETS (101) {query, groups: {topic|source|year: [[key, label,
 * count, selected], ...]}}: the values found among all the matches, each counted with the
 * other groups' filters applied; the page (digest-search-filters.js) shows them as chips.
 * FILTER (100) {topic, source, year} (null: any) sets the filters, and the last query is
 * answered again, narrowed, as a RESULT Material shows. The data is facets.json: every doc's
 * years, topics and publishers in a few bytes (digest/site/search.py, facets()).
 */
/* global DigestNormalize */
"use strict";

importScripts("normalize.js");

var N = DigestNormalize;
var BASE = new URL("../../search/digest/", self.location.href).href;
var MIN_PREFIX = 2;          // a one-letter prefix matches half the vocabulary
var MAX_PREFIX_TERMS = 400;  // bound the work per keystroke
var RERANK = 30;             // candidates whose text is fetched, checked for phrases, highlighted
var MAX_RESULTS = 30;
var SNIPPET_CHARS = 90;      // before the chosen passage; it runs twice as far after its start
var MAX_SNIPPET_SPANS = 2000; // matches weighed when choosing the passage (bounds a huge article)
var MAX_TYPED = 200;         // characters of the query carried to the opened page (?h=)

var MAX_CHIPS = 8;           // values shown per filter group (a selected one always is)

var index = null;            // meta.json, plus caches of the files fetched so far
var loading = null;
var FILTER = 100, FACETS = 101;
var filters = { topic: null, source: null, year: null };
var lastQuery = null;

function fetchJSON(path) {
  return fetch(BASE + path).then(function (res) {
    if (!res.ok) throw new Error("search index: " + path + ": HTTP " + res.status);
    return res.json();
  });
}

/* A file fetched once and kept: shards, entity lists and doc chunks are immutable per build. */
function cached(store, path) {
  if (!store.has(path)) store.set(path, fetchJSON(path).catch(function (err) {
    store.delete(path);
    throw err;
  }));
  return store.get(path);
}

function load() {
  if (!loading) {
    loading = fetchJSON("meta.json").then(function (meta) {
      index = {
        meta: meta,
        shards: new Set(meta.shards),
        // An alias with no words would match everywhere without advancing (an empty alias
        // once made every query loop forever): only aliases of one word or more are kept.
        entities: meta.entities.map(function (e) {
          return { slug: e[0], label: e[1], aliases: e[2].filter(function (a) { return a.length > 0; }) };
        }),
        variants: meta.variants || [],
        files: new Map()
      };
    });
  }
  return loading;
}

function hex(text) {
  return Array.from(new TextEncoder().encode(text), function (b) {
    return b.toString(16).padStart(2, "0");
  }).join("");
}

/* The shard holding a form, or null when no indexed word starts like it. */
function shardOf(form) {
  var key = hex(Array.from(form).slice(0, index.meta.prefix).join(""));
  return index.shards.has(key) ? "terms/" + key + ".json" : null;
}

/* Own keys only: a form typed as "constructor" or "__proto__" must not reach Object's own
 * properties (index files are plain JSON objects). */
var hasOwn = Object.prototype.hasOwnProperty;

/* doc → weight for a form, from a loaded shard (postings are delta-coded). */
function addPostings(weights, terms, form, factor) {
  if (!terms || !hasOwn.call(terms, form)) return;
  var p = terms[form];
  if (!Array.isArray(p)) return;
  var doc = 0;
  for (var k = 0; k < p.length; k += 2) {
    doc += p[k];
    weights.set(doc, Math.max(weights.get(doc) || 0, p[k + 1] * factor));
  }
}

/* -- query parsing ------------------------------------------------------------------------ */

function matchesAt(phrase, tokens, i) {
  if (i + phrase.length > tokens.length) return false;
  for (var j = 0; j < phrase.length; j++)
    if (!N.sameWord(phrase[j], tokens[i + j])) return false;
  return true;
}

/* A word's forms plus the other spellings the taxonomy gives it (سيرغي ≡ سيرجي). */
function withVariants(forms) {
  var out = forms.slice();
  index.variants.forEach(function (group) {
    if (N.sameWord(group, forms))
      group.forEach(function (w) { if (out.indexOf(w) < 0) out.push(w); });
  });
  return out;
}

/* The query as the reader typed it: trimmed, spaces collapsed. It goes into the result's link
 * (?h=) and names the words Material lists as missing, so the reader sees their own spelling
 * ("معاهدة"), never the index's folded one ("معاهده"). Cut by characters, not UTF-16 units,
 * and without lone surrogates (pasted junk): encodeURIComponent throws on those. */
function typed(query) {
  var chars = Array.from(query).filter(function (c) {
    return c.length === 2 || c < "\ud800" || c > "\udfff";
  });
  return Array.from(chars.join("").trim().replace(/\s+/g, " ")).slice(0, MAX_TYPED).join("").trim();
}

/* Clauses: entity names (any alias, longest first) and single words. A clause's label is
 * the typed text it came from (the folded forms when the two cannot be aligned). */
function parse(query) {
  var tokens = N.analyze(query);
  var typing = !/\s$/.test(query);
  // The same words with their offsets in the typed text; both split the same way except for
  // the odd character that NFKC turns into letters (™), in which case labels fall back.
  var raw = N.analyzeWithOffsets(query);
  var aligned = raw.length === tokens.length && raw.every(function (t, k) {
    return t.forms.join(" ") === tokens[k].join(" ");
  });
  var clauses = [];
  var i = 0;
  while (i < tokens.length) {
    var best = null;
    for (var e = 0; e < index.entities.length; e++) {
      var entity = index.entities[e];
      for (var a = 0; a < entity.aliases.length; a++) {
        var alias = entity.aliases[a];
        if ((!best || alias.length > best.length) && matchesAt(alias, tokens, i))
          best = { entity: entity, length: alias.length };
      }
    }
    var words = tokens.slice(i, i + (best ? best.length : 1));
    var label = aligned
      ? typed(query.slice(raw[i].start, raw[i + words.length - 1].end))
      : words.map(function (f) { return f[0]; }).join(" ");
    if (best) {
      clauses.push({ label: label, entity: best.entity, phrases: best.entity.aliases });
      i += Math.max(1, best.length);  // every step advances
    } else {
      var prefix = typing && i === tokens.length - 1 && tokens[i][0].length >= MIN_PREFIX;
      clauses.push({ label: label, forms: withVariants(tokens[i]), prefix: prefix ? tokens[i][0] : null });
      i += 1;
    }
  }
  return clauses;
}

/* -- retrieval ---------------------------------------------------------------------------- */

/* Files a clause needs: its shards, or its entity's list of articles. */
function filesFor(clause) {
  if (clause.entity) return ["entities/" + clause.entity.slug + ".json"];
  var files = clause.forms.map(shardOf);
  if (clause.prefix) files.push(shardOf(clause.prefix));
  return files.filter(Boolean);
}

/* doc → weight, for one clause, once its files are loaded */
function postings(clause, loaded) {
  var weights = new Map();
  if (clause.entity) {
    loaded["entities/" + clause.entity.slug + ".json"].forEach(function (d) { weights.set(d, 1); });
    return weights;
  }
  clause.forms.forEach(function (f) {
    var file = shardOf(f);
    if (file) addPostings(weights, loaded[file], f, 1);
  });
  if (clause.prefix) {
    var file = shardOf(clause.prefix);
    if (file) {
      var terms = loaded[file];
      var matching = Object.keys(terms).filter(function (t) { return t.startsWith(clause.prefix); })
        .slice(0, MAX_PREFIX_TERMS);
      matching.forEach(function (t) { addPostings(weights, terms, t, 0.6); });
    }
  }
  return weights;
}

function loadAll(paths) {
  var unique = Array.from(new Set(paths));
  return Promise.all(unique.map(function (p) { return cached(index.files, p); })).then(function (values) {
    var loaded = Object.create(null);
    unique.forEach(function (p, i) { loaded[p] = values[i]; });
    return loaded;
  });
}

/* -- highlighting and adjacency ----------------------------------------------------------- */

function tokenMatches(clause, token) {
  if (clause.entity) return false;
  if (N.sameWord(clause.forms, token.forms)) return true;
  if (clause.prefix)
    for (var i = 0; i < token.forms.length; i++)
      if (token.forms[i].startsWith(clause.prefix)) return true;
  return false;
}

/* Spans [start, end) of the text's tokens matched by the clauses, with clause numbers;
 * exact: a whole word or name, not only the start of a word (the prefix being typed). */
function findSpans(clauses, tokens) {
  var forms = tokens.map(function (t) { return t.forms; });
  var spans = [];
  for (var i = 0; i < tokens.length; i++) {
    for (var c = 0; c < clauses.length; c++) {
      var clause = clauses[c];
      var length = 0;
      if (clause.entity) {
        for (var a = 0; a < clause.phrases.length && !length; a++)
          if (matchesAt(clause.phrases[a], forms, i)) length = clause.phrases[a].length;
      } else if (tokenMatches(clause, tokens[i])) {
        length = 1;
      }
      if (length) {
        var exact = !!clause.entity || N.sameWord(clause.forms, tokens[i].forms);
        spans.push({ clause: c, first: i, last: i + length - 1, exact: exact });
        break;
      }
    }
  }
  return spans;
}

/* True when the clauses occur one after another, in order, somewhere in the text. */
function adjacent(clauses, spans) {
  if (clauses.length < 2) return false;
  for (var s = 0; s < spans.length; s++) {
    if (spans[s].clause !== 0) continue;
    var next = 1, last = spans[s].last, k = s + 1;
    while (k < spans.length && next < clauses.length && spans[k].first === last + 1 && spans[k].clause === next) {
      last = spans[k].last; next++; k++;
    }
    if (next === clauses.length) return true;
  }
  return false;
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function highlight(text, tokens, spans, from, to) {
  var out = "", at = from;
  spans.forEach(function (span) {
    var start = tokens[span.first].start, end = tokens[span.last].end;
    if (start < at || end > to) return;
    out += escapeHTML(text.slice(at, start)) + "<mark data-md-highlight>" + escapeHTML(text.slice(start, end)) + "</mark>";
    at = end;
  });
  return out + escapeHTML(text.slice(at, to));
}

/* Weights of what a passage holds: the query's words one after another (a phrase) first,
 * then how many of the query's words it has, then whole words over prefixes. */
var PHRASE_WEIGHT = 8, CLAUSE_WEIGHT = 4, EXACT_WEIGHT = 2, PREFIX_WEIGHT = 1;

function isPhrase(a, b) {
  return b.first === a.last + 1 && b.clause === a.clause + 1;
}

/* The span that starts the best passage: of the windows of 2 × SNIPPET_CHARS that start at a
 * match, the one with the most phrase and exact matches, the first of equals (the lead before a
 * later repetition). One pass with two pointers over at most MAX_SNIPPET_SPANS matches. */
function bestPassage(tokens, spans) {
  var n = Math.min(spans.length, MAX_SNIPPET_SPANS);
  var perClause = new Map();
  var weight = 0, distinct = 0, best = 0, bestScore = -1, m = 0;
  function add(j, k) {
    var sp = spans[j], count = perClause.get(sp.clause) || 0;
    weight += sp.exact ? EXACT_WEIGHT : PREFIX_WEIGHT;
    if (!count) distinct++;
    perClause.set(sp.clause, count + 1);
    if (j - 1 >= k && isPhrase(spans[j - 1], sp)) weight += PHRASE_WEIGHT;
  }
  function remove(k) {
    var sp = spans[k], count = perClause.get(sp.clause);
    weight -= sp.exact ? EXACT_WEIGHT : PREFIX_WEIGHT;
    if (count === 1) distinct--;
    perClause.set(sp.clause, count - 1);
    if (k + 1 < m && isPhrase(sp, spans[k + 1])) weight -= PHRASE_WEIGHT;
  }
  for (var k = 0; k < n; k++) {
    var limit = tokens[spans[k].first].start + 2 * SNIPPET_CHARS;
    while (m < n && (m <= k || tokens[spans[m].last].end <= limit)) { add(m, k); m++; }
    var score = weight + CLAUSE_WEIGHT * distinct;
    if (score > bestScore) { bestScore = score; best = k; }
    remove(k);
  }
  return best;
}

function snippet(text, tokens, spans) {
  if (!spans.length) {
    var end = Math.min(text.length, 2 * SNIPPET_CHARS);
    return escapeHTML(text.slice(0, end)) + (end < text.length ? " …" : "");
  }
  var centre = tokens[spans[bestPassage(tokens, spans)].first].start;
  var from = Math.max(0, centre - SNIPPET_CHARS);
  var to = Math.min(text.length, centre + 2 * SNIPPET_CHARS);
  if (from > 0) {
    var space = text.lastIndexOf(" ", from);
    from = space < 0 ? 0 : space + 1;
  }
  var after = text.indexOf(" ", to);
  if (to < text.length && after > 0) to = after;
  return (from > 0 ? "… " : "") + highlight(text, tokens, spans, from, to) + (to < text.length ? " …" : "");
}

/* -- filters ------------------------------------------------------------------------------ */

/* The digits of a doc's publishers combo (digest/site/search.py FACET_DIGITS). */
var FACET_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/* facets.json, decoded once: each doc's year, publishers combo, and the topics' bitmaps. */
function decodeFacets(raw) {
  var count = index.meta.count;
  var years = new Array(count);
  raw.years.forEach(function (run, k) {
    var end = k + 1 < raw.years.length ? raw.years[k + 1][1] : count;
    for (var d = run[1]; d < end && d < count; d++) years[d] = run[0] === null ? "none" : String(run[0]);
  });
  var topics = raw.topics.map(function (t) {
    var bin = atob(t[2]), bits = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bits[i] = bin.charCodeAt(i);
    return { key: t[0], label: t[1], bits: bits };
  });
  var src = raw.sources, width = src.width, digits = FACET_DIGITS;
  var combo = new Int32Array(count);
  for (var d = 0; d < count; d++) {
    var k = 0;
    for (var j = 0; j < width; j++) k = k * digits.length + Math.max(0, digits.indexOf(src.docs.charAt(d * width + j)));
    combo[d] = k;
  }
  return { years: years, topics: topics, names: src.names, combos: src.combos, combo: combo };
}
function loadFacets() {
  if (!index.meta.facets) return Promise.resolve(null);
  if (!index.facets) index.facets = cached(index.files, "facets.json").then(decodeFacets);
  return index.facets;
}

function hasTopic(f, t, d) { return (f.topics[t].bits[d >> 3] >> (d & 7)) & 1; }

/* The values of doc d in one group, as keys. */
function valuesOf(f, group, d) {
  if (group === "year") return [f.years[d] || "none"];
  if (group === "source") return (f.combos[f.combo[d]] || []).map(String);
  var out = [];
  for (var t = 0; t < f.topics.length; t++) if (hasTopic(f, t, d)) out.push(f.topics[t].key);
  return out;
}

var GROUPS = ["topic", "source", "year"];

function passes(f, d, except) {
  for (var g = 0; g < GROUPS.length; g++) {
    var group = GROUPS[g], want = filters[group];
    if (group === except || want === null) continue;
    if (valuesOf(f, group, d).indexOf(want) < 0) return false;
  }
  return true;
}

function labelOf(f, group, key) {
  if (group === "year") return key === "none" ? "دون تاريخ" : key;
  if (group === "source") return f.names[Number(key)] || "";
  for (var t = 0; t < f.topics.length; t++) if (f.topics[t].key === key) return f.topics[t].label;
  return key;
}

/* Chips of each group for the matched docs: counted with the other groups' filters applied
 * (a chip says how many results choosing it would give), most first, the selected kept. */
function facetGroups(f, docs) {
  var groups = {};
  GROUPS.forEach(function (group) {
    var counts = new Map();
    docs.forEach(function (d) {
      if (!passes(f, d, group)) return;
      valuesOf(f, group, d).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
    });
    if (filters[group] !== null && !counts.has(filters[group])) counts.set(filters[group], 0);
    var order = Array.from(counts.entries()).sort(function (a, b) {
      if (group === "year") return a[0] === "none" ? 1 : b[0] === "none" ? -1 : Number(b[0]) - Number(a[0]);
      return b[1] - a[1] || (labelOf(f, group, a[0]) < labelOf(f, group, b[0]) ? -1 : 1);
    });
    var shown = order.slice(0, MAX_CHIPS);
    var selected = order.filter(function (e) { return e[0] === filters[group]; });
    if (selected.length && shown.indexOf(selected[0]) < 0) shown.push(selected[0]);
    groups[group] = shown.map(function (e) {
      return [e[0], labelOf(f, group, e[0]), e[1], e[0] === filters[group]];
    });
  });
  return groups;
}

/* -- search ------------------------------------------------------------------------------- */

function search(query) {
  var clauses = parse(query);
  if (!clauses.length) return Promise.resolve({ items: [], facets: null });
  var needed = [];
  clauses.forEach(function (c) { needed = needed.concat(filesFor(c)); });
  return Promise.all([loadAll(needed), loadFacets().catch(function () { return null; })]).then(function (both) {
    var loaded = both[0], f = both[1];
    var total = index.meta.count;
    var scores = new Map(); // doc → {matched, score}
    clauses.forEach(function (clause) {
      var weights = postings(clause, loaded);
      var idf = Math.log(1 + total / Math.max(1, weights.size));
      weights.forEach(function (w, d) {
        var s = scores.get(d) || { matched: 0, score: 0 };
        s.matched += 1;
        s.score += idf * (1 + Math.log(1 + w));
        scores.set(d, s);
      });
    });
    var facets = null;
    if (f) {
      facets = facetGroups(f, Array.from(scores.keys()));
      scores.forEach(function (_, d) { if (!passes(f, d, null)) scores.delete(d); });
    }
    var ranked = Array.from(scores.entries()).sort(function (a, b) {
      return b[1].matched - a[1].matched || b[1].score - a[1].score || a[0] - b[0];
    }).slice(0, RERANK);
    var chunk = index.meta.chunk;
    var chunks = ranked.map(function (e) { return "docs/" + Math.floor(e[0] / chunk) + ".json"; });
    return loadAll(chunks).then(function (docsLoaded) {
      var items = ranked.map(function (entry) {
        var d = entry[0], s = entry[1];
        var doc = docsLoaded["docs/" + Math.floor(d / chunk) + ".json"][d % chunk];
        return item(doc, s, clauses, query);
      });
      items.sort(function (a, b) { return b.score - a.score; });
      return { items: items.slice(0, MAX_RESULTS).map(function (i) { return [i]; }), facets: facets };
    });
  });
}

/* The date as the index gives it, or "" for an undated article: the index writes a word
 * there ("غير معروف"), which in a result reads as a publisher's name; a date has digits. */
function dateShown(date) {
  return typeof date === "string" && /[0-9\u0660-\u0669\u06f0-\u06f9]/.test(date) ? date : "";
}

/* One result in Material's format; doc is [url, title, date, sources, text]. */
function item(doc, s, clauses, query) {
  var titleTokens = N.analyzeWithOffsets(doc[1]);
  var textTokens = N.analyzeWithOffsets(doc[4]);
  var titleSpans = findSpans(clauses, titleTokens);
  var textSpans = findSpans(clauses, textTokens);
  var phrase = adjacent(clauses, titleSpans) || adjacent(clauses, textSpans);
  var found = Object.create(null);
  titleSpans.concat(textSpans).forEach(function (sp) { found[sp.clause] = true; });
  var terms = Object.create(null);
  clauses.forEach(function (c, i) { terms[c.label] = !!found[i] || s.matched === clauses.length; });
  var meta = escapeHTML([dateShown(doc[2]), doc[3]].filter(Boolean).join(" · "));
  var words = typed(query);
  return {
    // The words as typed, for assets/javascripts/digest-highlight.js on the opened page (it
    // folds them itself); Material's own ?h= is off (mkdocs.yml: no search.highlight).
    location: words ? doc[0] + "?h=" + encodeURIComponent(words) : doc[0],
    title: highlight(doc[1], titleTokens, titleSpans, 0, doc[1].length),
    // Date and publisher on their own line above the snippet (digest-search.css).
    text: (meta ? '<span class="digest-search-meta">' + meta + "</span>" : "") +
      '<span class="digest-search-snippet">' + snippet(doc[4], textTokens, textSpans) + "</span>",
    score: s.matched * 1000 + s.score + (phrase ? 500 : 0) + (titleSpans.length ? 10 : 0),
    terms: terms
  };
}

var latestQuery = 0;

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === 0) {
    load().then(function () { postMessage({ type: 1 }); },
      function (err) { console.error(err); postMessage({ type: 1 }); });
  } else if (message.type === 2) {
    answer(message.data);
  } else if (message.type === FILTER) {
    setFilters(message.data);
    if (lastQuery !== null) answer(lastQuery);
  }
});

/* Answer a query: Material's RESULT, then our FACETS for the page's chips. */
function answer(query) {
  // Queries finish out of order when one waits for a file; only the latest is answered.
  var id = ++latestQuery;
  lastQuery = query;
  load().then(function () { return search(query); })
    .catch(function (err) { console.warn("search failed:", err); return { items: [], facets: null }; })
    .then(function (data) {
      if (id !== latestQuery) return;
      postMessage({ type: 3, data: { items: data.items } });
      postMessage({ type: FACETS, data: { query: query, groups: data.facets } });
    });
}

/* Filters as the page sends them: a string per group, or null for any. */
function setFilters(data) {
  GROUPS.forEach(function (group) {
    var v = data && data[group];
    filters[group] = typeof v === "string" && v.length <= 64 ? v : null;
  });
}

if (typeof module !== "undefined") module.exports = { load: load, search: search, setFilters: setFilters };
