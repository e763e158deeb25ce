"""Parsing many seeds in worker processes gives exactly what parsing them here gives."""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent.parent))

from digest.model import SeedError  # noqa: E402
from digest.corpus.build import build_digest  # noqa: E402
from digest.corpus.parallel import PARALLEL_MIN_SEEDS, parse_all  # noqa: E402
from digest.parse.assembly import Pipeline  # noqa: E402

SEEDS = HERE.parent.parent / "seeds"


def tasks():
    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    out = []
    for i in range(PARALLEL_MIN_SEEDS // len(seeds) + 1):
        for name, data in seeds:
            out.append((f"{i:03d}_{name}", data, f"id-{i}-{name[:3]}"))
    # Errors must cross the process boundary too, naming their file.
    out.insert(7, ("empty.txt", b"", "empty"))
    out.insert(50, ("binary.txt", b"\x00\x01\x02" * 100, "binary"))
    return out


def comparable(results):
    """Errors compare by identity: compare what they say instead."""
    return [("error", r.path, r.reason) if isinstance(r, SeedError) else r for r in results]


def parse_counting(pipeline, work, workers):
    """parse_all, and how many tasks were parsed in this process."""
    import digest.corpus.parallel as module

    calls = []
    original = module._parse
    module._parse = lambda *a: calls.append(1) or original(*a)
    try:
        return parse_all(pipeline, work, workers), len(calls)
    finally:
        module._parse = original


def check_in_a_fresh_process() -> None:
    """Run as a script: the pytest process has threads (servers, the browser driver), and
    parse_all rightly refuses to fork there."""
    pipeline = Pipeline()
    work = tasks()
    assert len(work) >= PARALLEL_MIN_SEEDS  # or the pool would not be used
    here, _ = parse_counting(pipeline, work, 1)
    there, in_process = parse_counting(pipeline, work, 2)
    # A pool that failed to start falls back to parsing here: then this proves nothing.
    assert in_process == 0, f"{in_process} seeds parsed in process: no workers were used"
    assert len(there) == len(work)
    assert comparable(there) == comparable(here)
    assert isinstance(there[7], SeedError) and there[7].path == "empty.txt"
    assert isinstance(there[50], SeedError) and there[50].path == "binary.txt"
    print("parallel ok")


def test_parallel_parsing_equals_parsing_in_process():
    result = subprocess.run([sys.executable, str(HERE)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "parallel ok"


def test_with_other_threads_running_seeds_are_parsed_in_process(pipeline):
    # Forking a process that runs threads (as `mkdocs serve` does) is unsafe.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        work = tasks()
        results, in_process = parse_counting(pipeline, work, 2)
    finally:
        stop.set()
        thread.join()
    assert in_process == len(work)
    assert comparable(results) == comparable(parse_all(pipeline, work, 1))


def test_a_seed_error_survives_pickling_whole():
    error = pickle.loads(pickle.dumps(SeedError("seeds/x.txt", "empty file")))
    assert (error.path, error.reason, str(error)) == ("seeds/x.txt", "empty file", "seeds/x.txt: empty file")


def test_a_folder_of_many_seeds_builds_the_same_with_and_without_workers(tmp_path, pipeline):
    for name, data, _ in tasks():
        (tmp_path / name).write_bytes(data)
    one = build_digest(tmp_path, pipeline, workers=1)
    two = build_digest(tmp_path, pipeline, workers=2)
    assert one.articles == two.articles
    assert [str(e) for e in one.errors] == [str(e) for e in two.errors]
    # Copies of the same text are published once; the rest are errors naming the original.
    assert len(one.articles) == 5 and len(one.errors) == len(tasks()) - 5


if __name__ == "__main__":
    check_in_a_fresh_process()
