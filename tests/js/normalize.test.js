// The browser's normaliser against the vectors the Python normaliser is held to.
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const N = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "normalize.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", "normalize.json"), "utf8"));

for (const c of vectors.cases) {
  test(`vector ${JSON.stringify(c.input).slice(0, 30)}`, () => {
    assert.equal(N.normalize(c.input), c.normalized);
    assert.deepEqual(N.analyze(c.input), c.forms);
  });
}

for (const [a, b] of vectors.equivalent) {
  test(`${a} ≡ ${b}`, () => {
    const x = N.analyze(a), y = N.analyze(b);
    assert.equal(x.length, y.length);
    x.forEach((forms, i) => assert.ok(N.sameWord(forms, y[i])));
  });
}

test("offsets point at the original words, marks included", () => {
  const text = "قال لافروف: مُعَاهَدَةُ السَّلَامِ";
  const tokens = N.analyzeWithOffsets(text);
  assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ["قال", "لافروف", "مُعَاهَدَةُ", "السَّلَامِ"]);
  assert.deepEqual(tokens[3].forms, ["سلام"]);
});
