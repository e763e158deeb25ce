"""Issue 14: incremental builds. After each of a series of edits, a dirty build into the
folder of the last build (`mkdocs build --dirty`, as `mkdocs serve --dirtyreload` builds)
must leave the same bytes as a clean build of the same tree, having rewritten only what
changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from digest.site.incremental import Manifest, fingerprint, remove_stale, safe_relative

# A seed of our own words, for the "add a seed" edit.
NEW_SEED = """موسكو تستضيف جولة جديدة من محادثات ترسيم الحدود بين أرمينيا وأذربيجان

استضافت موسكو يوم الثلاثاء 12 مارس 2024 جولة جديدة من محادثات ترسيم الحدود بين أرمينيا وأذربيجان، بحضور ممثلين عن وزارتي الخارجية في البلدين ووسطاء روس.

وقال مصدر دبلوماسي إن الجانبين ناقشا خرائط المقاطع الشمالية من الحدود، وإن جولة أخرى ستعقد في باكو الشهر المقبل.
"""


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "hooks", "digest", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if src.is_dir() else {}))
    shutil.copytree(SEEDS, root / "seeds")
    return root


def build(root: Path, site: Path, *flags: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1732000000"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site), *flags],
                            cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def test_after_every_edit_the_incremental_site_is_the_clean_site(tree, tmp_path):
    site, clean = tree / "site", tmp_path / "clean"
    build(tree, site, "--dirty")  # no manifest yet: a full build
    seed = tree / "seeds" / "000_71b24d93f0e166c3.txt"
    taxonomy = tree / "digest" / "data" / "taxonomy.yaml"

    def headline():
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("\n", " (محدّث)\n", 1), encoding="utf-8")

    edits = [
        ("change a headline", headline),
        ("add a seed", lambda: (tree / "seeds" / "005_new.txt").write_text(NEW_SEED, encoding="utf-8")),
        ("delete a seed", lambda: (tree / "seeds" / "003_e95859598815607c.txt").unlink()),
        ("change an override", lambda: (tree / "seeds" / "001_0795dd7ba1cf26a9.yml").write_text(
            "title: عنوان صححه المحرر\ndate: 2024-06-20\n", encoding="utf-8")),
        ("change a topic's patterns", lambda: taxonomy.write_text(
            taxonomy.read_text(encoding="utf-8").replace("      - معاهدة السلام\n", "      - معاهدة السلام\n      - جولة جديدة من محادثات\n", 1),
            encoding="utf-8")),
        ("change mkdocs.yml", lambda: (tree / "mkdocs.yml").write_text(
            (tree / "mkdocs.yml").read_text(encoding="utf-8").replace("site_description: ", "site_description: (تجربة) ", 1),
            encoding="utf-8")),
    ]
    rewritten = {}
    for name, edit in edits:
        before = stamps(site)
        edit()
        build(tree, site, "--dirty")
        shutil.rmtree(clean, ignore_errors=True)
        build(tree, clean)
        ours, theirs = files_of(site), files_of(clean)
        assert sorted(ours) == sorted(theirs), (name, set(ours) ^ set(theirs))
        different = [path for path in ours if ours[path] != theirs[path]]
        assert not different, (name, different[:10])
        after = stamps(site)
        rewritten[name] = {p for p in after if before.get(p) != after[p]}

    html_files = len([p for p in files_of(site) if p.endswith(".html")])
    # The headline edit rewrote that article's page and the pages listing it, not the site.
    assert "articles/71b24d93f0e166c3/index.html" in rewritten["change a headline"]
    # (With five seeds every article lists the others as related: their pages change too.)
    # What does not hold the headline stays as it was: the other seeds' raw pages, tag pages
    # that do not list the article.
    assert "raw/5f9c524816c939ca.html" not in rewritten["change a headline"]
    assert "raw/71b24d93f0e166c3.html" in rewritten["change a headline"]
    assert len(rewritten["change a headline"]) < len(rewritten["change mkdocs.yml"]) / 2, sorted(rewritten["change a headline"])
    # The deleted seed's pages are gone (the comparison above proves it), the new one's there.
    assert any(p.startswith("raw/") for p in rewritten["add a seed"])
    # mkdocs.yml is outside any page's content: everything was written again.
    assert len(rewritten["change mkdocs.yml"]) >= html_files
    print({name: len(paths) for name, paths in rewritten.items()}, html_files)


def test_a_build_that_is_not_dirty_is_full_and_leaves_a_manifest(tree):
    build(tree, tree / "site")
    (manifest,) = (tree / ".cache").glob("site-manifest-*.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert "articles/71b24d93f0e166c3/index.html" in data["files"]
    assert "raw/71b24d93f0e166c3.html" in data["files"]


def test_a_broken_or_hostile_manifest_means_a_full_build(tmp_path):
    path = tmp_path / "m.json"
    for text in ["", "{", "[]", '{"format": "other"}', '{"format": "digest-site-manifest/1", "global": 1, "files": {}}',
                 '{"format": "digest-site-manifest/1", "global": "g", "files": {"../../etc/passwd": "x"}}',
                 '{"format": "digest-site-manifest/1", "global": "g", "files": {"/etc/passwd": "x"}}']:
        path.write_text(text, encoding="utf-8")
        assert Manifest.load(path) is None, text
    path.write_text('{"format": "digest-site-manifest/1", "global": "g", "files": {"a/b.html": "x"}}', encoding="utf-8")
    assert Manifest.load(path) == Manifest("g", {"a/b.html": "x"}, "")


def test_manifests_of_deleted_site_folders_are_pruned(tmp_path):
    kept, gone = tmp_path / "kept", tmp_path / "gone"
    kept.mkdir()
    Manifest("g", {"a.html": "1"}, str(gone)).save(tmp_path / "cache" / "site-manifest-gone.json")
    Manifest("g", {"a.html": "1"}, str(kept)).save(tmp_path / "cache" / "site-manifest-kept.json")
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["site-manifest-kept.json"]
    assert Manifest.load(tmp_path / "cache" / "site-manifest-kept.json").site == str(kept)


def test_stale_files_are_removed_inside_the_site_only(tmp_path):
    site = tmp_path / "site"
    (site / "articles" / "gone").mkdir(parents=True)
    (site / "articles" / "gone" / "index.html").write_text("x")
    (site / "kept.html").write_text("x")
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    previous = Manifest("g", {"articles/gone/index.html": "1", "kept.html": "2", "../outside.txt": "3"})
    removed = remove_stale(site, previous, {"kept.html": "2"})
    assert removed == ["articles/gone/index.html"]
    assert not (site / "articles").exists() and (site / "kept.html").exists() and outside.exists()
    assert not safe_relative("a/../b") and safe_relative("a/b.html")


def test_fingerprints_do_not_collide_on_how_parts_are_cut():
    assert fingerprint("ab", "c") != fingerprint("a", "bc")
    assert fingerprint("x") == fingerprint(b"x")
