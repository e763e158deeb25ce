// The search filters in the worker: facets.json (digest/site/search.py, facets()) decoded,
// chips counted over all the matches with the other groups' filters applied, results narrowed
// by the chosen topic, publisher and year, and filters kept while the query changes.
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");

const { shardsOf, loadWorker } = require("./worker-in-node.js");

// [url, title, date, sources, text], newest first as the index orders them.
const DOCS = [
  ["articles/a/", "محادثات السلام في ألماتي", "13 مايو 2025", "تاس", "محادثات السلام بين أرمينيا وأذربيجان."],
  ["articles/b/", "السلام والحدود", "2 مارس 2025", "RT، تاس", "ترسيم الحدود ومحادثات السلام."],
  ["articles/c/", "قوات حفظ السلام", "9 يناير 2024", "RT", "انسحاب قوات حفظ السلام الروسية."],
  ["articles/d/", "خبر دون تاريخ", "", "", "السلام في القوقاز."],
];
// Bitmaps: bit n of byte n >> 3, lowest first, base64 (as Python's base64.b64encode).
const bits = (...docs) => Buffer.from([docs.reduce((b, d) => b | (1 << d), 0)]).toString("base64");
const FACETS = {
  years: [[2025, 0], [2024, 2], [null, 3]],
  topics: [["peace-treaty", "معاهدة السلام", bits(0, 1)], ["border", "ترسيم الحدود", bits(1)],
           ["peacekeepers", "قوات حفظ السلام", bits(2)]],
  sources: { names: ["RT", "تاس"], combos: [[], [1], [0, 1], [0]], width: 1, docs: "1230" },
};

function buildIndex() {
  const { files, keys } = shardsOf(DOCS, 1);
  files["docs/0.json"] = DOCS;
  files["facets.json"] = FACETS;
  files["meta.json"] = { version: 3, count: DOCS.length, chunk: 16, prefix: 2, shards: keys,
                         entities: [], variants: [], facets: true };
  return files;
}

const worker = loadWorker(buildIndex());

async function search(query, filters) {
  await worker.load();
  worker.setFilters(filters || {});
  const result = await worker.search(query);
  return { urls: result.items.map((g) => g[0].location.split("?")[0]).sort(), groups: result.facets };
}

const chips = (groups, group) => groups[group].map(([key, label, count, selected]) => `${label}:${count}${selected ? "*" : ""}`);

test("without filters, chips count every match by topic, publisher and year", async () => {
  const { urls, groups } = await search("السلام");
  assert.deepEqual(urls, ["articles/a/", "articles/b/", "articles/c/", "articles/d/"]);
  assert.deepEqual(chips(groups, "topic"), ["معاهدة السلام:2", "ترسيم الحدود:1", "قوات حفظ السلام:1"]);
  assert.deepEqual(chips(groups, "source"), ["RT:2", "تاس:2"]);  // b has both
  assert.deepEqual(chips(groups, "year"), ["2025:2", "2024:1", "دون تاريخ:1"]);  // newest first, undated last
});

test("a publisher narrows the results; the other groups count within it", async () => {
  const { urls, groups } = await search("السلام", { source: "0" });
  assert.deepEqual(urls, ["articles/b/", "articles/c/"]);
  assert.deepEqual(chips(groups, "source"), ["RT:2*", "تاس:2"]);  // its own group counts without it
  assert.deepEqual(chips(groups, "year"), ["2025:1", "2024:1"]);
});

test("filters of several groups combine, and stay while the query changes", async () => {
  assert.deepEqual((await search("السلام", { source: "1", year: "2025", topic: "border" })).urls, ["articles/b/"]);
  assert.deepEqual((await search("محادثات", { source: "1", year: "2025" })).urls, ["articles/a/", "articles/b/"]);
  assert.deepEqual((await search("محادثات", { year: "none" })).urls, []);
  assert.deepEqual((await search("السلام", { year: "none" })).urls, ["articles/d/"]);
});

test("a chosen value with no match stays shown, at zero; junk filters are ignored", async () => {
  const { urls, groups } = await search("انسحاب", { topic: "border" });
  assert.deepEqual(urls, []);
  assert.ok(chips(groups, "topic").includes("ترسيم الحدود:0*"));
  assert.deepEqual((await search("انسحاب", { topic: 7, source: { x: 1 }, year: "x".repeat(100) })).urls, ["articles/c/"]);
});
