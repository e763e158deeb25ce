"""Benchmark: an editor's loop in `mkdocs serve`, at N synthetic articles (issue 14).

    python bench/edit_loop.py                  # N = 1,000 and 10,000 → bench/edit_loop.json
    python bench/edit_loop.py --sizes 1000 --out /tmp/e.json

For each N, in a temporary copy of the project with N synthetic seeds (bench/synth.py), it
starts the server as `scripts/site.sh` does (`mkdocs serve --dirtyreload`), waits for the
first build, then times, from the moment a file is written to the moment the served page
shows the change (polling the page over HTTP every 50 ms):

* headline: a sidecar override (`seeds/<name>.yml`) gives one article a new headline; the
  article's page is polled;
* seed: one seed's first line (its headline) is edited in place; its article page is polled;
* new seed: a new seed is dropped into `seeds/`; its article page is polled;
* taxonomy: a topic's description is edited; the topic's page is polled.

Each edit is timed twice (the fastest counts: the machine is shared and noisy), and beside
them the first build of the server (a full build with the article cache warm). Figures mean
something only next to each other, from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from digest.parse.assembly import article_id  # noqa: E402
from run import about_run, snapshot_project  # noqa: E402
from synth import write_seeds  # noqa: E402

POLL = 0.05
TIMEOUT = 900.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, since: float) -> float:
    """Seconds from ``since`` until the page at ``url`` holds ``text``."""
    while time.perf_counter() - since < TIMEOUT:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - since
        time.sleep(POLL)
    raise TimeoutError(f"{url} never showed {text!r}")


def run_size(n: int, work: Path, snapshot: Path, repeats: int) -> dict:
    tree = work / f"tree-{n}"
    shutil.copytree(snapshot, tree)
    write_seeds(tree / "seeds", n)
    # The article cache warm, as an editor's is: one build before the server starts.
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / f"site-{n}")], cwd=tree,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(work / f"site-{n}")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (work / f"serve-{n}.log").open("w")
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirtyreload", "-a", f"127.0.0.1:{port}"],
                              cwd=tree, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    row: dict = {"n": n}
    try:
        row["first_build_seconds"] = round(wait_for(base, "موجز القوقاز", start), 2)
        seeds = sorted((tree / "seeds").glob("*.txt"))
        timings: dict[str, list[float]] = {"headline": [], "seed": [], "new_seed": [], "taxonomy": []}
        taxonomy = tree / "digest" / "data" / "taxonomy.yaml"
        original = taxonomy.read_text(encoding="utf-8")
        for k in range(repeats):
            time.sleep(2)  # let the last rebuild settle
            seed = seeds[(k + 1) * len(seeds) // (repeats + 2)]
            title = f"عنوان عدله المحرر رقم {k + 1}"
            since = time.perf_counter()
            seed.with_suffix(".yml").write_text(f"title: {title}\n", encoding="utf-8")
            timings["headline"].append(wait_for(base + f"articles/{article_id(seed.name)}/", title, since))

            time.sleep(2)
            edited_seed = seeds[(k + 1) * len(seeds) // (repeats + 2) + 1]
            first, rest = edited_seed.read_text(encoding="utf-8").split("\n", 1)
            title = f"{first} (تحديث رقم {k + 1})"
            since = time.perf_counter()
            edited_seed.write_text(title + "\n" + rest, encoding="utf-8")
            timings["seed"].append(wait_for(base + f"articles/{article_id(edited_seed.name)}/", title, since))

            time.sleep(2)
            new = tree / "seeds" / f"9{k:03d}_editloop{k}.txt"
            marker = f"خبر جديد أضافه المحرر رقم {k + 1}"
            text = seeds[k].read_text(encoding="utf-8")
            since = time.perf_counter()
            new.write_text(marker + "\n\n" + text, encoding="utf-8")
            timings["new_seed"].append(wait_for(base + f"raw/{article_id(new.name)}.html", marker, since))

            time.sleep(2)
            description = f"وصف عدله المحرر رقم {k + 1}"
            edited = original.replace("    description: >-\n", f"    description: >-\n      {description}\n", 1)
            since = time.perf_counter()
            taxonomy.write_text(edited, encoding="utf-8")
            timings["taxonomy"].append(wait_for(base + "topics/peace-treaty/", description, since))
        row.update({f"{name}_seconds": round(min(values), 2) for name, values in timings.items()})
        row["all_seconds"] = {name: [round(v, 2) for v in values] for name, values in timings.items()}
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "edit_loop.json")
    parser.add_argument("--repeats", type=int, default=2, help="times each edit is made (the fastest counts)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary trees")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="digest-editloop-"))
    started = time.time()
    snapshot = snapshot_project(work)
    try:
        rows = [run_size(n, work, snapshot, args.repeats) for n in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result = {**about_run(started), "rows": rows}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
