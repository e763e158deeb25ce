"""`python -m digest inspect` and `check`, run as a user would."""

import json
import subprocess
import sys

from conftest import ROOT, SEEDS

KEYS = {"id", "title", "date", "date_inferred", "sources", "summary", "body", "tags", "topics", "evidence"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "digest", *args], cwd=ROOT, capture_output=True, text=True)


def test_inspect_prints_one_record_per_file():
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = run("inspect", *files)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == len(files)
    for record in records:
        assert KEYS <= set(record)
    assert [r["id"] for r in records][0] == "71b24d93f0e166c3"


def test_inspect_reports_a_bad_file_and_prints_the_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("inspect", str(bad), str(sorted(SEEDS.glob("*.txt"))[0]))
    assert result.returncode == 1
    assert "empty.txt: empty file" in result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_check_on_the_seeds_prints_five_ok_lines():
    result = run("check", "seeds")
    assert result.returncode == 0, result.stdout
    lines = [l for l in result.stdout.splitlines() if l.startswith("ok ")]
    assert len(lines) == 5
    assert any("inferred date" in l for l in lines) and any("no date" in l for l in lines)
