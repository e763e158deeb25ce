// The search worker loaded in Node for the tests: the worker's globals (self, importScripts,
// postMessage, fetch) stand in for a browser's, and fetch serves `files` (an index in the
// format of digest/site/search.py, built by the test) from memory.
// Not a test file itself (node --test runs *.test.js).
"use strict";
const path = require("node:path");

const js = path.join(__dirname, "..", "..", "docs", "assets", "javascripts");
const N = require(path.join(js, "normalize.js"));
const BASE = "https://example.org/site/search/digest/";

function hex(text) {
  return Buffer.from(Array.from(text).slice(0, 2).join(""), "utf8").toString("hex");
}

/* Term shards of docs ([url, title, date, sources, text]): a word's weight is its count in
 * the text plus titleWeight per occurrence in the title; doc ids delta-coded. */
function shardsOf(docs, titleWeight) {
  const postings = new Map();
  docs.forEach((doc, n) => {
    const weights = new Map();
    for (const forms of N.analyze(doc[4])) for (const f of forms) weights.set(f, (weights.get(f) || 0) + 1);
    for (const forms of N.analyze(doc[1])) for (const f of forms) weights.set(f, (weights.get(f) || 0) + titleWeight);
    for (const [form, w] of weights) {
      if (!postings.has(form)) postings.set(form, []);
      postings.get(form).push(n, w);
    }
  });
  const shards = {};
  for (const [form, plist] of postings) {
    const coded = plist.slice();
    for (let k = plist.length - 2; k > 0; k -= 2) coded[k] -= plist[k - 2];
    (shards[hex(form)] = shards[hex(form)] || {})[form] = coded;
  }
  const files = {};
  for (const [key, terms] of Object.entries(shards)) files[`terms/${key}.json`] = terms;
  return { files, keys: Object.keys(shards).sort() };
}

/* The worker module, serving `files`. */
function loadWorker(files) {
  global.self = { location: { href: "https://example.org/site/assets/javascripts/digest-search-worker.js" } };
  global.importScripts = () => { global.DigestNormalize = N; };
  global.addEventListener = () => {};
  global.postMessage = () => {};
  global.fetch = (address) => {
    const name = address.replace(BASE, "");
    const found = Object.prototype.hasOwnProperty.call(files, name);
    return Promise.resolve({
      ok: found, status: found ? 200 : 404,
      json: () => (found ? Promise.resolve(JSON.parse(JSON.stringify(files[name]))) : Promise.reject(new Error("404"))),
    });
  };
  return require(path.join(js, "digest-search-worker.js"));
}

module.exports = { N, shardsOf, loadWorker };
