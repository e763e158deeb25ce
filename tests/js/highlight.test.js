// The matcher of digest-highlight.js (the words of ?h= marked on the opened article).
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const js = path.join(__dirname, "..", "..", "docs", "assets", "javascripts");
const N = require(path.join(js, "normalize.js"));
const H = require(path.join(js, "digest-highlight.js"));

const analysed = (aliases) => aliases.map((a) => N.analyze(a));

// meta.json's shape (digest/site/search.py): [slug, label, [alias as analysed forms]], variants.
const META = {
  entities: [
    ["karabakh", "قره باغ", analysed(["قره باغ", "ناغورني قره باغ", "ناجورني قره باج", "قره باج", "كاراباخ"])],
    ["sergey-lavrov", "سيرغي لافروف", analysed(["سيرغي لافروف", "سيرجي لافروف", "لافروف"])],
  ],
  variants: [["سيرجي", "سيرغي"], ["باج", "باخ", "باغ"]],
};

function marked(query, text, meta = META) {
  const clauses = H.compile(N, query, meta);
  return H.findRanges(N, clauses, text).map(([s, e]) => text.slice(s, e));
}

test("a word marks its other spellings, with clitics and the article", () => {
  const text = "وقعت معاهدة ثم المعاهدة ثم والمعاهده وبمعاهدة، لا معاهد.";
  assert.deepEqual(marked("معاهدة", text), ["معاهدة", "المعاهدة", "والمعاهده", "وبمعاهدة"]);
  assert.deepEqual(marked("معاهده", text), ["معاهدة", "المعاهدة", "والمعاهده", "وبمعاهدة"]);
});

test("diacritics and tatweel stay inside the mark", () => {
  const text = "نص مُعَاهَدَةُ السلام ومعاهـــدة";
  assert.deepEqual(marked("معاهدة", text), ["مُعَاهَدَةُ", "ومعاهـــدة"]);
});

test("the last word is a prefix from two letters, the others are whole words", () => {
  const text = "لافروف يلتقي لافرنتي في لاف";
  assert.deepEqual(marked("لاف", text), ["لافروف", "لافرنتي", "لاف"]);
  assert.deepEqual(marked("ل", "لافروف ل"), ["ل"]);  // one letter: the word itself only
  assert.deepEqual(marked("ترس لاف", "ترسيم الحدود ترس ولافروف"), ["ترس", "ولافروف"]);
});

test("an entity typed in one spelling marks every alias present, each as one phrase", () => {
  const text = "الأوضاع في ناجورني قره باج، وفي كاراباخ، ولقره باغ أيضا، وقره وحدها.";
  assert.deepEqual(marked("قره باغ", text), ["ناجورني قره باج", "كاراباخ", "ولقره باغ"]);
  assert.deepEqual(marked("كاراباخ", text), ["ناجورني قره باج", "كاراباخ", "ولقره باغ"]);
});

test("spelling variants of meta.json are honoured", () => {
  assert.deepEqual(marked("سيرجي", "قال سيرغي لافروف وسيرجي"), ["سيرغي", "وسيرجي"]);
  // A name, in any of its aliases, marks the full name where the text gives it.
  assert.deepEqual(marked("لافروف", "قال سيرجي لافروف ثم لافروف"), ["سيرجي لافروف", "لافروف"]);
  assert.deepEqual(marked("باغ", "قرية باخ"), ["باخ"]);
  // Without meta.json (a failed request): plain words only.
  assert.deepEqual(marked("باغ", "قرية باخ وباغ", null), ["وباغ"]);
});

test("no query, no marks; markup in the query is only letters to compare", () => {
  assert.deepEqual(marked("", "معاهدة"), []);
  assert.deepEqual(marked("   ", "معاهدة"), []);
  assert.deepEqual(marked("<img src=x onerror=alert(1)>", "صورة معاهدة"), []);
  assert.deepEqual(marked("<b>معاهدة</b>", "نص معاهدة"), ["معاهدة"]);
});

test("a hostile meta.json is read as data, shape-checked", () => {
  const hostile = {
    entities: [["ghost", "شبح", [[], [["constructor"]], "x", [[1, 2]]]], "junk", null, [1, 2, {}]],
    variants: [["a", 1], "x", null, ["باخ", "باغ"]],
  };
  assert.deepEqual(H.readMeta(hostile), {
    entities: [{ slug: "ghost", aliases: [[["constructor"]]] }],
    variants: [["باخ", "باغ"]],
  });
  assert.deepEqual(marked("constructor", "a constructor b", hostile), ["constructor"]);
  assert.deepEqual(marked("__proto__", "toString __proto__", hostile), ["proto"]);  // _ parts words
  for (const meta of [undefined, 42, "text", [], { entities: {}, variants: "x" }])
    assert.deepEqual(marked("باغ", "باغ", meta), ["باغ"]);
});

test("the work is bounded: marks capped, a long query cut", () => {
  const text = "معاهدة ".repeat(2000);
  const clauses = H.compile(N, "معاهدة", META);
  assert.equal(H.findRanges(N, clauses, text, 7).length, 7);
  assert.equal(H.findRanges(N, clauses, text).length, 500);
  assert.ok(H.compile(N, "كلمة ".repeat(500), META).length <= 12);
});
