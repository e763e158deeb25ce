// The search worker's results: the link carries the words as typed (?h=), the snippet is the
// passage with the most phrase and exact matches, date and publisher stand on their own line,
// an undated article shows its publisher alone. The index is built here, in memory, in the
// format of digest/site/search.py (meta.json, term shards, entity lists, doc chunks).
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");

const { N, shardsOf, loadWorker } = require("./worker-in-node.js");

const FILLER = "وتناول الاجتماع قضايا اقتصادية وتجارية كثيرة بين الوفود المشاركة في المؤتمر الإقليمي. ".repeat(4);

// [url, title, date, sources, text]
const DOCS = [
  ["articles/a/", "عنوان المقال الأول", "27 سبتمبر 2023", "تاس",
    "ذكر البيان المعاهدة في سطره الأول. " + FILLER + "وقال الوزير إن معاهدة السلام بين البلدين باتت قريبة. " + FILLER],
  ["articles/b/", "خبر بلا تاريخ", "غير معروف", "نوفوستي، RT", "نص عن معاهدة السلام في قره باج."],
  ["articles/c/", "خبر آخر بلا تاريخ", "", "صدى البلد", "ناغورني قره باغ ومعاهدة."],
  ["articles/d/", "خبر بلا مصدر", "5 يونيو 2024", "", "لافروف يذكر " + FILLER + "لافروف وترسيم الحدود " + FILLER + "لافروف"],
];
const ENTITIES = [["karabakh", "قره باغ", ["قره باغ", "قره باج", "ناغورني قره باغ", "كاراباخ"], [1, 2]]];
const VARIANTS = [["باج", "باخ", "باغ"]];

function buildIndex() {
  const { files, keys } = shardsOf(DOCS, 5);
  files["docs/0.json"] = DOCS;
  for (const [slug, , , docs] of ENTITIES) files[`entities/${slug}.json`] = docs;
  files["meta.json"] = {
    version: 2, count: DOCS.length, chunk: 16, prefix: 2, shards: keys,
    entities: ENTITIES.map(([slug, label, aliases]) => [slug, label, aliases.map((a) => N.analyze(a))]),
    variants: VARIANTS,
  };
  return files;
}

const worker = loadWorker(buildIndex());

async function search(query) {
  await worker.load();
  return (await worker.search(query)).items.map((group) => group[0]);
}

const byUrl = (items, url) => items.find((i) => i.location.split("?")[0] === url);
const plain = (html) => html.replace(/<[^>]*>/g, "");

test("the result's link carries the query as typed, trimmed, spaces collapsed", async () => {
  const items = await search("  معاهدة   السلام ");
  assert.ok(items.length >= 2);
  for (const item of items) {
    const [url, query] = item.location.split("?");
    assert.match(url, /^articles\/[a-d]\/$/);
    assert.equal(query, "h=" + encodeURIComponent("معاهدة السلام"));
    const h = new URLSearchParams(query).get("h");
    assert.equal(h, "معاهدة السلام");  // the reader's spelling, not the index's "معاهده"
    assert.ok(!h.includes("معاهده"));
  }
});

test("a prefix being typed goes into the link as typed", async () => {
  const item = (await search("معاه"))[0];
  assert.equal(new URLSearchParams(item.location.split("?")[1]).get("h"), "معاه");
});

test("a long or broken query still gives a well-formed link", async () => {
  const long = (await search("معاهدة " + "ب".repeat(500)))[0];
  const h = new URLSearchParams(long.location.split("?")[1]).get("h");
  assert.equal(Array.from(h).length, 200);
  assert.ok(h.startsWith("معاهدة ببب"));
  const [item] = await search("معاهدة \ud800");  // a lone surrogate, pasted
  assert.equal(new URLSearchParams(item.location.split("?")[1]).get("h"), "معاهدة");
  const emoji = (await search("معاهدة 🙂"))[0];
  assert.equal(new URLSearchParams(emoji.location.split("?")[1]).get("h"), "معاهدة 🙂");
});

test("Material's terms name the words as typed, missing ones false", async () => {
  const item = byUrl(await search("معاهدة زززز"), "articles/b/");
  assert.deepEqual(Object.keys(item.terms), ["معاهدة", "زززز"]);
  assert.equal(item.terms["معاهدة"], true);
  assert.equal(item.terms["زززز"], false);
  const entity = (await search("قره باغ"))[0];
  assert.deepEqual(Object.keys(entity.terms), ["قره باغ"]);
});

test("the snippet is the passage with the phrase, not the first match", async () => {
  const item = byUrl(await search("معاهدة السلام"), "articles/a/");
  const snippet = item.text.split('<span class="digest-search-snippet">')[1];
  assert.ok(snippet.includes("<mark data-md-highlight>معاهدة</mark> <mark data-md-highlight>السلام</mark>"), snippet);
  assert.ok(!plain(snippet).includes("سطره الأول"), snippet);
});

test("the snippet is the passage holding most of the query's words", async () => {
  const item = byUrl(await search("لافروف ترسيم"), "articles/d/");
  const snippet = plain(item.text.split('<span class="digest-search-snippet">')[1]);
  assert.ok(snippet.includes("لافروف وترسيم الحدود"), snippet);
  assert.ok(!snippet.startsWith("لافروف يذكر"), snippet);
});

test("one word: the first passage of equals (the lead) is kept", async () => {
  const item = byUrl(await search("لافروف "), "articles/d/");
  const snippet = plain(item.text.split('<span class="digest-search-snippet">')[1]);
  assert.ok(snippet.startsWith("لافروف يذكر"), snippet);
});

test("date and publisher on their own line, above the snippet", async () => {
  const item = byUrl(await search("معاهدة"), "articles/a/");
  assert.ok(item.text.startsWith('<span class="digest-search-meta">27 سبتمبر 2023 · تاس</span><span class="digest-search-snippet">'), item.text);
});

test("an undated article shows its publisher alone, never 'غير معروف'", async () => {
  const items = await search("معاهدة");
  const b = byUrl(items, "articles/b/"), c = byUrl(items, "articles/c/");
  assert.ok(b.text.startsWith('<span class="digest-search-meta">نوفوستي، RT</span>'), b.text);
  assert.ok(c.text.startsWith('<span class="digest-search-meta">صدى البلد</span>'), c.text);
  for (const item of items) assert.ok(!item.text.includes("غير معروف"), item.text);
});

test("no publisher: the date alone", async () => {
  const item = byUrl(await search("لافروف"), "articles/d/");
  assert.ok(item.text.startsWith('<span class="digest-search-meta">5 يونيو 2024</span>'), item.text);
});
