"""Parse-only cost per article: the seeds → Article step alone, no MkDocs.

Writes ``--count`` synthetic seeds (bench/synth.py) once, then times (CPU time of the process:
the shared machine's steal does not count) parsing all of them in a
fresh process per run, serially (one core, no cache). With ``--vs CHECKOUT`` it alternates
runs of this tree and another checkout of the project (say, a git worktree of an older
commit) over the same seeds, and reports the ratio of the fastest runs: one run of both, so
that the shared machine's noise falls on both alike.

    python bench/parse.py --count 1000 --vs /tmp/old --repeats 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_seeds  # noqa: E402

# Run inside the checkout being measured: its own digest package, its own Pipeline.
_TIMER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
try:
    from digest.parse.assembly import Pipeline
except ImportError:  # before the parse/ corpus/ language/ shape
    from digest.pipeline import Pipeline
paths = sorted(Path(sys.argv[2]).glob("*.txt"))
pipeline = Pipeline()
data = [(p.name, p.read_bytes()) for p in paths]
pipeline.article(*data[0])  # warm the lexicons and matchers
start = time.process_time()
for name, raw in data:
    pipeline.article(name, raw)
print(json.dumps({"seconds": time.process_time() - start, "articles": len(data)}))
"""


def time_parse(checkout: Path, seeds: Path) -> float:
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)
    out = subprocess.run([str(python), "-c", _TIMER, str(checkout), str(seeds)], check=True,
                         capture_output=True, text=True, cwd=checkout)
    result = json.loads(out.stdout)
    return 1000 * result["seconds"] / result["articles"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--vs", type=Path, help="another checkout of the project to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="digest-parse-") as tmp:
        seeds = Path(tmp) / "seeds"
        write_seeds(seeds, args.count)
        runs: dict[str, list[float]] = {"this": [], "vs": []}
        for _ in range(args.repeats):
            runs["this"].append(time_parse(ROOT, seeds))
            if args.vs:
                runs["vs"].append(time_parse(args.vs.resolve(), seeds))
    best = min(runs["this"])
    print(f"this tree: {best:.2f} ms/article (runs: {', '.join(f'{r:.2f}' for r in runs['this'])})")
    if args.vs:
        other = min(runs["vs"])
        print(f"{args.vs}: {other:.2f} ms/article (runs: {', '.join(f'{r:.2f}' for r in runs['vs'])})")
        print(f"ratio this / vs: {best / other:.2f}")


if __name__ == "__main__":
    main()
