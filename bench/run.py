"""Benchmark: build the digest at N synthetic articles, against the floor, in one run.

    python bench/run.py                       # N = 100, 1000, 10000 → bench/results.json
    python bench/run.py --sizes 100 --out /tmp/r.json

For each N, in a temporary copy of the project with N synthetic seeds (bench/synth.py):
* ours, cold (no article cache) and warm (cache from the cold build), with the share of the
  time spent in the hook and ``digest``, peak memory (max RSS of the build process), site
  size, number of pages and the largest HTML page;
* the floor: the same article pages, written out as plain Markdown and built by MkDocs +
  Material with the same theme and plugins and no hook;
* search in headless Chromium: bytes of search files a reader downloads from opening the home
  page to the first result, and milliseconds from the query's last keystroke to that result
  (a fresh page each time, so the index is loaded within that time); of those bytes, the
  search filters' data (facets.json) and what it adds to the rest;
* the share of the cold build spent grouping stories (issue 15).

Figures from one run only mean something next to each other: the machine is shared and
noisy, so the table reports ratios (ours / floor, 10,000 / 1,000) beside the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import write_seeds  # noqa: E402

PROJECT = ("mkdocs.yml", "docs", "hooks", "digest", "overrides")
QUERIES = ["قره باغ", "ترسيم"]

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"code": code, "seconds": seconds, "peak_rss": rss}))
"""


def measured_build(cwd: Path, site: Path, env: dict[str, str] | None = None) -> dict:
    """Wall time and peak memory of one `mkdocs build`, in a fresh wrapper process.

    Outside the timed part, the previous output is removed and the disk synced: otherwise a
    build pays for deleting the last build's files and for writing back its pages (on this
    machine's ext4 with discard, seconds at 10,000 articles), and which build pays depends
    on the order of the runs, not on the build."""
    shutil.rmtree(site, ignore_errors=True)
    os.sync()
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"build failed in {cwd}:\n{out.stderr[-3000:]}")
    return result


def site_figures(site: Path) -> dict:
    html = [p for p in site.rglob("*.html")]
    largest = max(html, key=lambda p: p.stat().st_size)
    return {
        "pages": len(html),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "largest_html_bytes": largest.stat().st_size,
        "largest_html": str(largest.relative_to(site)),
    }


def make_floor(tree: Path, floor: Path) -> None:
    """The same article pages as plain Markdown, MkDocs + Material, no hook."""
    from digest.language.dates import calendar
    from digest.corpus.build import build_digest
    from digest.site.pages import SiteRenderer
    from digest.site.urls import article_uri
    from digest.taxonomy import Taxonomy

    taxonomy = Taxonomy.load()
    digest = build_digest(tree / "seeds")
    renderer = SiteRenderer.of(digest.articles, taxonomy, calendar())
    shutil.copytree(tree / "docs", floor / "docs")
    shutil.copytree(tree / "overrides", floor / "overrides")
    (floor / "docs" / "index.md").write_text("# موجز القوقاز\n", encoding="utf-8")
    for article in digest.articles:
        path = floor / "docs" / article_uri(article)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(renderer.article_page(article).text(), encoding="utf-8")
    # Our configuration exactly, minus the hook; the nav keeps the pages the floor has.
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config["nav"] = [{"الرئيسية": "index.md"}]
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def search_figures(site: Path) -> dict:
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    figures = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
            )
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                sizes: dict[str, int] = {}

                def record(response, sizes=sizes):
                    if "/search" in response.url or "search-worker" in response.url or "normalize.js" in response.url:
                        try:
                            sizes[response.url] = len(response.body())
                        except Exception:  # noqa: BLE001 - a response without a body
                            pass

                page.on("response", record)
                page.goto(url)
                page.wait_for_load_state("networkidle")
                box = page.locator("input[data-md-component=search-query]")
                box.click()
                page.evaluate(
                    """() => { window.__firstResult = null;
                       const list = document.querySelector('.md-search-result__list');
                       new MutationObserver(() => { if (window.__firstResult === null && list.children.length)
                         window.__firstResult = performance.now(); }).observe(list, {childList: true}); }"""
                )
                start = page.evaluate("performance.now()")
                page.keyboard.insert_text(query)  # the whole query as one last keystroke
                page.wait_for_function("window.__firstResult !== null", timeout=60000)
                elapsed = page.evaluate("window.__firstResult") - start
                page.wait_for_load_state("networkidle")
                # The filters' data (issue 15): what it adds to the query's download.
                facets = sum(n for u, n in sizes.items() if u.endswith("/facets.json"))
                figures[query] = {"first_result_ms": round(elapsed, 1), "search_bytes": sum(sizes.values()),
                                  "search_requests": len(sizes), "facets_bytes": facets,
                                  "facets_growth": round(facets / max(1, sum(sizes.values()) - facets), 3)}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return figures


def _events(hook: dict[str, float]) -> float:
    """The hook's seconds: its events' (an "event:phase" entry is a part of one)."""
    return sum(v for k, v in hook.items() if ":" not in k)


def fastest(runs: list[dict]) -> dict:
    """The least disturbed of repeated runs: on a shared machine noise only adds time."""
    return min(runs, key=lambda r: r["seconds"])


def run_size(n: int, work: Path, snapshot: Path, repeats: int) -> dict:
    tree, floor = work / f"tree-{n}", work / f"floor-{n}"
    shutil.copytree(snapshot, tree)
    floor.mkdir(parents=True)
    write_seeds(tree / "seeds", n)
    make_floor(tree, floor)
    timings = work / f"timings-{n}.json"
    colds, warms, floors = [], [], []
    # Alternate ours (cold, then warm) and the floor, so that a noisy minute hits all alike.
    for _ in range(repeats):
        shutil.rmtree(tree / ".cache", ignore_errors=True)
        colds.append({**measured_build(tree, work / f"site-{n}", {"DIGEST_TIMINGS": str(timings)}),
                      "hook": json.loads(timings.read_text())})
        warms.append({**measured_build(tree, work / f"site-{n}", {"DIGEST_TIMINGS": str(timings)}),
                      "hook": json.loads(timings.read_text())})
        floors.append(measured_build(floor, work / f"floor-site-{n}"))
    cold, warm, floor_build = fastest(colds), fastest(warms), fastest(floors)
    cold_hook, warm_hook = cold["hook"], warm["hook"]
    row = {
        "n": n,
        "cold_seconds": round(cold["seconds"], 2),
        "warm_seconds": round(warm["seconds"], 2),
        "floor_seconds": round(floor_build["seconds"], 2),
        "ms_per_article_cold": round(cold["seconds"] / n * 1000, 2),
        "ms_per_article_warm": round(warm["seconds"] / n * 1000, 2),
        "ratio_cold_to_floor": round(cold["seconds"] / floor_build["seconds"], 2),
        "ratio_warm_to_floor": round(warm["seconds"] / floor_build["seconds"], 2),
        "hook_share_cold": round(_events(cold_hook) / cold["seconds"], 3),
        "hook_share_warm": round(_events(warm_hook) / warm["seconds"], 3),
        # Grouping stories (issue 15): its share of the whole cold build.
        "stories_seconds_cold": round(cold_hook.get("on_config:stories", 0.0), 2),
        "stories_share_cold": round(cold_hook.get("on_config:stories", 0.0) / cold["seconds"], 3),
        "hook_seconds_cold": {k: round(v, 2) for k, v in cold_hook.items()},
        "repeats": repeats,
        "peak_rss_mb": round(max(r["peak_rss"] for r in colds + warms) / 2**20, 1),
        "floor_peak_rss_mb": round(floor_build["peak_rss"] / 2**20, 1),
        **site_figures(work / f"site-{n}"),
        "floor_largest_html_bytes": site_figures(work / f"floor-site-{n}")["largest_html_bytes"],
        "search": search_figures(work / f"site-{n}"),
    }
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def snapshot_project(work: Path) -> Path:
    """One copy of the project for every size of a run: edits made while a benchmark runs
    do not leak in."""
    snapshot = work / "project"
    snapshot.mkdir()
    for name in PROJECT:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, snapshot / name)
    return snapshot


def about_run(started: float) -> dict[str, str]:
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}",
        "date": time.strftime("%Y-%m-%d", time.gmtime(started)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each kind per size (the fastest counts)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary trees")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    started = time.time()
    snapshot = snapshot_project(work)
    try:
        rows = [run_size(n, work, snapshot, args.repeats) for n in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    by_n = {r["n"]: r for r in rows}
    summary = {}
    if 1000 in by_n and 10000 in by_n:
        summary["time_10000_over_1000_cold"] = round(by_n[10000]["cold_seconds"] / by_n[1000]["cold_seconds"], 2)
        summary["time_10000_over_1000_warm"] = round(by_n[10000]["warm_seconds"] / by_n[1000]["warm_seconds"], 2)
    if 100 in by_n and 10000 in by_n:
        summary["largest_html_10000_over_100"] = round(
            by_n[10000]["largest_html_bytes"] / by_n[100]["largest_html_bytes"], 2)
    result = {**about_run(started), "rows": rows, "summary": summary}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
