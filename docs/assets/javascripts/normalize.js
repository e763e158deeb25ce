/* The browser's mirror of digest/language/normalize.py: the same folding and the same token forms.
 * Held to the same vectors (tests/vectors/normalize.json) by tests/js/normalize.test.js.
 * Loaded by the search worker (importScripts) and by Node for the tests. */
(function (root) {
  "use strict";

  var INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var TOKEN = /[\p{L}\p{N}]+/gu;
  // A raw word of the original text (with its marks), for highlighting at the right offsets.
  var RAW_WORD = /[\p{L}\p{N}\p{M}\u0640\u200c\u200d]+/gu;

  var MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ۍ": "ي", "ە": "ه", "ھ": "ه"
  };
  for (var d = 0; d < 10; d++) {
    MAP[String.fromCharCode(0x0660 + d)] = String(d);
    MAP[String.fromCharCode(0x06f0 + d)] = String(d);
  }
  var MAPPED = new RegExp("[" + Object.keys(MAP).join("") + "]", "g");

  var ARTICLES = ["وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"];
  var CONJUNCTIONS = "وف";
  var PREPOSITIONS = "بل";
  var MIN_STEM = 3;

  function fold(text) {
    return text.normalize("NFKC").replace(INVISIBLE, "").replace(MARKS, "")
      .replace(MAPPED, function (c) { return MAP[c]; }).toLowerCase();
  }

  function stripArticle(word) {
    for (var i = 0; i < ARTICLES.length; i++) {
      var a = ARTICLES[i];
      if (word.startsWith(a) && word.length - a.length >= 2) return word.slice(a.length);
    }
    return word;
  }

  function forms(token) {
    var primary = stripArticle(token);
    var result = [primary];
    if (primary !== token) return result;
    var rest = token;
    if (CONJUNCTIONS.indexOf(rest[0]) >= 0 && rest.length - 1 >= MIN_STEM) {
      rest = stripArticle(rest.slice(1));
      result.push(rest);
    }
    if (PREPOSITIONS.indexOf(rest[0]) >= 0 && rest.length - 1 >= MIN_STEM) {
      result.push(stripArticle(rest.slice(1)));
    }
    return result.filter(function (f, i) { return result.indexOf(f) === i; });
  }

  function analyze(text) {
    return (fold(text).match(TOKEN) || []).map(forms);
  }

  function normalize(text) {
    return analyze(text).map(function (f) { return f[0]; }).join(" ");
  }

  /* Tokens of the original text with their offsets: [{start, end, forms}]. */
  function analyzeWithOffsets(text) {
    var out = [];
    var m;
    RAW_WORD.lastIndex = 0;
    while ((m = RAW_WORD.exec(text)) !== null) {
      var tokens = analyze(m[0]);
      for (var i = 0; i < tokens.length; i++)
        out.push({ start: m.index, end: m.index + m[0].length, forms: tokens[i] });
    }
    return out;
  }

  function sameWord(a, b) {
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) >= 0) return true;
    return false;
  }

  var api = {
    fold: fold, forms: forms, analyze: analyze, normalize: normalize,
    analyzeWithOffsets: analyzeWithOffsets, sameWord: sameWord
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.DigestNormalize = api;
})(typeof self !== "undefined" ? self : this);
