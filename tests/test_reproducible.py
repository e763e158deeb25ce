"""Two builds of the same tree give byte-identical sites, whatever the hash seed, locale or
clock. MkDocs stamps one thing with the build date: sitemap.xml's <lastmod> (and so
sitemap.xml.gz); with SOURCE_DATE_EPOCH set, those are identical too."""

import hashlib
import os
import subprocess
import sys

from conftest import ROOT

STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def build(dest, **env):
    environment = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
        cwd=ROOT, capture_output=True, text=True, env=environment,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        str(p.relative_to(dest)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(dest.rglob("*")) if p.is_file()
    }


def test_builds_are_byte_identical(tmp_path):
    a = build(tmp_path / "a", PYTHONHASHSEED="1", LC_ALL="C", TZ="UTC", SOURCE_DATE_EPOCH="1700000000")
    b = build(tmp_path / "b", PYTHONHASHSEED="4242", LC_ALL="C.UTF-8", TZ="Asia/Baku", SOURCE_DATE_EPOCH="1700000000")
    assert a.keys() == b.keys()
    assert {name for name in a if a[name] != b[name]} == set()


def test_only_the_sitemap_depends_on_the_build_date(tmp_path):
    a = build(tmp_path / "a", SOURCE_DATE_EPOCH="1700000000")
    b = build(tmp_path / "b", SOURCE_DATE_EPOCH="1800000000")
    assert {name for name in a if a[name] != b[name]} == STAMPED
