/* Runs the search worker in Node against a built index folder: node worker-harness.js DIR QUERY...
 * Prints one JSON line per query: {query, results: [locations]} (or {query, error}).
 * Used by tests/test_hardening.py (a query must finish; none may touch Object's prototype). */
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const url = require("node:url");

const [dir, ...queries] = process.argv.slice(2);
const js = path.join(__dirname, "..", "..", "docs", "assets", "javascripts");
global.self = { location: { href: url.pathToFileURL(path.join(dir, "assets", "javascripts", "worker.js")).href } };
global.importScripts = function (name) { global.DigestNormalize = require(path.join(js, name)); };
global.addEventListener = function () {};
global.postMessage = function () {};
global.fetch = function (address) {
  const file = url.fileURLToPath(address);
  return Promise.resolve(fs.existsSync(file)
    ? { ok: true, status: 200, json: () => Promise.resolve(JSON.parse(fs.readFileSync(file, "utf8"))) }
    : { ok: false, status: 404, json: () => Promise.reject(new Error("404")) });
};
const worker = require(path.join(js, "digest-search-worker.js"));

(async () => {
  await worker.load();
  for (const query of queries) {
    try {
      const data = await worker.search(query);
      console.log(JSON.stringify({ query, results: data.items.map((i) => i[0].location) }));
    } catch (error) {
      console.log(JSON.stringify({ query, error: String(error) }));
    }
  }
})();
