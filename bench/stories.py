"""Benchmark: grouping republished copies into stories (issue 15), at N synthetic articles.

    python bench/stories.py                    # N = 1000, 10000 → bench/stories.json
    python bench/stories.py --sizes 1000 --out /tmp/s.json

For each N: the synthetic seeds (bench/synth.py, one story in five republished by 1–4
other outlets), parsed once; then the time of grouping them (digest/corpus/stories.py) and
its precision and recall over pairs of articles against the generator's truth: a pair is
*found* when both articles get one story id, *true* when the generator wrote them from one
story. Precision = true found pairs / found pairs; recall = true found pairs / true pairs.
The share of a cold build is in bench/run.py's figures (the "stories" phase of the hook).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import write_seeds  # noqa: E402

from digest.corpus.build import build_digest  # noqa: E402
from digest.corpus.stories import group  # noqa: E402


def pairs(groups: dict[object, list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for members in groups.values() for a, b in combinations(sorted(members), 2)}


def measure(n: int, work: Path) -> dict:
    seeds = work / f"seeds-{n}"
    truth_by_file = write_seeds(seeds, n)
    digest = build_digest(seeds)
    articles = digest.articles
    by_path = {Path(a.path).name: a.id for a in articles}
    start = time.perf_counter()
    found = group(articles, versions=digest.versions)  # as the site build calls it
    seconds = time.perf_counter() - start
    truth: dict[object, list[str]] = defaultdict(list)
    for name, story in truth_by_file.items():
        truth[story].append(by_path[name])
    grouped: dict[object, list[str]] = defaultdict(list)
    for article, story in found.items():
        grouped[story].append(article)
    true_pairs, found_pairs = pairs(truth), pairs(grouped)
    hit = len(true_pairs & found_pairs)
    row = {
        "n": n,
        "stories_true": sum(1 for m in truth.values() if len(m) > 1),
        "stories_found": sum(1 for m in grouped.values() if len(m) > 1),
        "true_pairs": len(true_pairs),
        "found_pairs": len(found_pairs),
        "precision": round(hit / len(found_pairs), 4) if found_pairs else 1.0,
        "recall": round(hit / len(true_pairs), 4) if true_pairs else 1.0,
        "grouping_seconds": round(seconds, 2),
    }
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "stories.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="digest-stories-"))
    try:
        rows = [measure(n, work) for n in args.sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "rows": rows}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")


if __name__ == "__main__":
    main()
