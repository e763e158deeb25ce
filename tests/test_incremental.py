"""Issue 14: incremental builds. After each of a series of edits, a dirty build into the
folder of the last build (`mkdocs build --dirty`, as `mkdocs serve --dirtyreload` builds)
must leave the same bytes as a clean build of the same tree, having rewritten only what
changed."""

from __future__ import annotations

import json
import os
import shutil
import signal
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


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_topic_pattern(tree: Path) -> None:
    replace_in(tree / "digest" / "data" / "taxonomy.yaml", "      - معاهدة السلام\n", "      - معاهدة السلام\n      - جولة جديدة من محادثات\n")


def edit_site_description(tree: Path) -> None:
    replace_in(tree / "mkdocs.yml", "site_description: ", "site_description: (تجربة) ")


def edited_like_clean(tree: Path, site: Path, clean: Path, name: str, edit, rebuild) -> set[str]:  # type: ignore[no-untyped-def]
    """Make ``edit``, ``rebuild`` ``site``, and check it against a clean build of the same
    tree, file by file; the files the rebuild wrote."""
    before = stamps(site)
    edit()
    rebuild()
    shutil.rmtree(clean, ignore_errors=True)
    build(tree, clean)
    ours, theirs = files_of(site), files_of(clean)
    assert sorted(ours) == sorted(theirs), (name, set(ours) ^ set(theirs))
    different = [path for path in ours if ours[path] != theirs[path]]
    assert not different, (name, different[:10])
    return {p for p, t in stamps(site).items() if before.get(p) != t}


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

    def headline():
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("\n", " (محدّث)\n", 1), encoding="utf-8")

    edits = [
        ("change a headline", headline),
        ("add a seed", lambda: (tree / "seeds" / "005_new.txt").write_text(NEW_SEED, encoding="utf-8")),
        ("delete a seed", lambda: (tree / "seeds" / "003_e95859598815607c.txt").unlink()),
        ("change an override", lambda: (tree / "seeds" / "001_0795dd7ba1cf26a9.yml").write_text(
            "title: عنوان صححه المحرر\ndate: 2024-06-20\n", encoding="utf-8")),
        ("change a topic's patterns", lambda: add_topic_pattern(tree)),
        ("change mkdocs.yml", lambda: edit_site_description(tree)),
    ]
    rewritten = {}
    for name, edit in edits:
        rewritten[name] = edited_like_clean(tree, site, clean, name, edit, lambda: build(tree, site, "--dirty"))

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


def test_a_serving_session_after_every_edit_leaves_the_clean_site(tree, tmp_path):
    """`mkdocs serve` keeps the digest between builds (digest/site/session.py) and, when the
    set of files is unchanged, hands MkDocs only the files that changed (a narrow build):
    after each edit, in one process, the served folder equals a clean build's."""
    site, clean = tmp_path / "served", tmp_path / "clean"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1732000000", "PYTHONPATH": str(tree)}
    server = subprocess.Popen([sys.executable, str(ROOT / "tests" / "serve_session.py"), str(site)], cwd=tree, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seed = tree / "seeds" / "000_71b24d93f0e166c3.txt"
    sidecar = tree / "seeds" / "002_5f9c524816c939ca.yml"
    # A story of three versions (tests/fixtures/stories): its pages follow its edits too.
    for path in (ROOT / "tests" / "fixtures" / "stories").glob("*.txt"):
        shutil.copy(path, tree / "seeds" / path.name)
    copy = tree / "seeds" / "2024-05-14_mayadeen.txt"
    wire = copy.read_text(encoding="utf-8")

    def rebuild() -> None:
        server.stdin.write("build\n")
        server.stdin.flush()
        line = server.stdout.readline()
        assert line == "built\n", (line, server.stderr.read()[-3000:] if line == "" else "")

    def headline(mark: str):
        def edit():
            text = seed.read_text(encoding="utf-8")
            seed.write_text(text.replace("\n", f" ({mark})\n", 1), encoding="utf-8")
        return edit

    edits = [
        ("change a headline", headline("محدّث")),
        ("write an override", lambda: sidecar.write_text("title: عنوان آخر صححه المحرر\n", encoding="utf-8")),
        ("add a seed", lambda: (tree / "seeds" / "005_new.txt").write_text(NEW_SEED, encoding="utf-8")),
        ("change the headline again", headline("مرة ثانية")),
        ("delete a seed", lambda: (tree / "seeds" / "003_e95859598815607c.txt").unlink()),
        ("remove the override", sidecar.unlink),
        ("change a topic's patterns", lambda: add_topic_pattern(tree)),
        ("rename a topic (the nav changes)", lambda: replace_in(
            tree / "digest" / "data" / "taxonomy.yaml", "    label: ترسيم الحدود\n", "    label: ترسيم الحدود وتعيينها\n")),
        ("change mkdocs.yml", lambda: edit_site_description(tree)),
        ("change the headline a third time", headline("ثالثة")),
        ("a copy's headline changes (its story's pages)", lambda: copy.write_text(
            wire.replace("ألماتي تستضيف", "في ألماتي: محادثات", 1), encoding="utf-8")),
        ("a copy becomes another story", lambda: copy.write_text(
            wire.split("\n\n")[0] + "\n\n" + NEW_SEED.split("\n\n", 1)[1], encoding="utf-8")),
        ("the copy is back", lambda: copy.write_text(wire, encoding="utf-8")),
    ]
    rewritten = {}
    try:
        rebuild()
        for name, edit in edits:
            rewritten[name] = edited_like_clean(tree, site, clean, name, edit, rebuild)
    finally:
        server.stdin.close()
        server.wait(timeout=120)
    # Edits that keep the set of files are narrow: a few dozen files written, not the site.
    total = len(files_of(site))
    for name in ("change a headline", "write an override", "change the headline a third time"):
        assert "sitemap.xml" in rewritten[name]  # written again, with every page
        assert len(rewritten[name]) < total / 4, (name, len(rewritten[name]), total)
    assert "raw/71b24d93f0e166c3.html" in rewritten["change a headline"]
    assert "raw/5f9c524816c939ca.html" not in rewritten["change a headline"]
    print({name: len(paths) for name, paths in rewritten.items()}, total)


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


def test_related_articles_kept_between_builds_equal_a_fresh_computation():
    """digest/site/related.py: with the memo of the last call, only articles sharing a
    changed feature are scored again; the result must be the one computed from scratch."""
    import random
    from dataclasses import replace

    from digest.model import Article
    from digest.site.related import RelatedMemo, related_articles

    rng = random.Random(7)
    entities, topics = [f"e{i}" for i in range(30)], ["peace-treaty", "border-delimitation", "peacekeepers"]
    articles = [Article(id=f"a{i:04d}", path="", title="t", date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        topics=rng.sample(topics, rng.randint(0, 2)), entities=rng.sample(entities, rng.randint(0, 5)))
                for i in range(400)]  # more than MAX_POSTINGS per feature: windows are exercised
    memo = RelatedMemo()

    def ids(result):
        return {k: [a.id for a in v] for k, v in result.items()}

    related_articles(articles, memo)
    for step in range(60):
        i = rng.randrange(len(articles))
        change = rng.choice(["entities", "topics", "title", "date"])
        if change == "entities":
            articles[i] = replace(articles[i], entities=rng.sample(entities, rng.randint(0, 5)))
        elif change == "topics":
            articles[i] = replace(articles[i], topics=rng.sample(topics, rng.randint(0, 2)))
        elif change == "title":
            articles[i] = replace(articles[i], title=f"t{step}")
        else:  # another order: everything scored again
            articles[i] = replace(articles[i], date=f"2023-0{1 + step % 9}-01")
        ordered = sorted(articles, key=lambda a: (a.date, a.id), reverse=True)
        assert ids(related_articles(ordered, memo)) == ids(related_articles(ordered)), (step, change)


def test_search_index_kept_between_builds_equals_a_fresh_one():
    """digest/site/search.py: the postings kept by a server are updated for the articles
    whose version changed; every file of the index equals one built from scratch."""
    import random
    from dataclasses import replace

    from digest.language.dates import calendar
    from digest.site import build_site
    from digest.site.context import SiteContext
    from digest.site.search import SearchMemo, build_index

    site = build_site(SEEDS)
    articles, taxonomy, cal = list(site.digest.articles), site.taxonomy, calendar()
    rng = random.Random(3)
    words = "روسيا أرمينيا السلام الحدود باكو موسكو يريفان اتفاق ترسيم".split()
    memo = SearchMemo()

    def texts(files):
        return {k: v if isinstance(v, str) else v() for k, v in files.items()}

    texts(build_index(SiteContext.build(articles, taxonomy, cal), memo))
    for step in range(15):
        i = rng.randrange(len(articles))
        body = list(articles[i].body)
        body[rng.randrange(len(body))] = " ".join(rng.sample(words, 4)) + f" {step}"
        title = articles[i].title if step % 3 else articles[i].title + " " + rng.choice(words)
        articles[i] = replace(articles[i], body=body, title=title)
        kept = texts(build_index(SiteContext.build(articles, taxonomy, cal), memo))
        assert kept == texts(build_index(SiteContext.build(articles, taxonomy, cal))), step


def test_seeds_kept_between_builds_are_read_again_only_when_changed(tmp_path):
    """digest/corpus/build.py, SeedMemo: a server keeps the parsed articles; an edited seed
    is parsed again, an override is applied to a copy (removing it restores the article),
    and every build equals a build without the memo."""
    from digest.corpus.build import SeedMemo, build_digest

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    memo = SeedMemo()

    def same_as_fresh():
        kept, fresh = build_digest(seeds, memo=memo, workers=1), build_digest(seeds, workers=1)
        assert [a.to_record() for a in kept.articles] == [a.to_record() for a in fresh.articles]
        assert kept.versions == fresh.versions
        return kept

    first = same_as_fresh()
    seed = seeds / "000_71b24d93f0e166c3.txt"
    sidecar = seeds / "002_5f9c524816c939ca.yml"
    sidecar.write_text("title: عنوان صححه المحرر\n", encoding="utf-8")
    edited = same_as_fresh()
    assert {a.title for a in edited.articles} >= {"عنوان صححه المحرر"}
    sidecar.unlink()
    restored = same_as_fresh()
    assert restored.versions == first.versions  # the override did not stick to the kept article
    seed.write_text(seed.read_text(encoding="utf-8").replace("\n", " (محدّث)\n", 1), encoding="utf-8")
    changed = same_as_fresh()
    assert {k for k in changed.versions if changed.versions[k] != first.versions.get(k)} == {"71b24d93f0e166c3"}


def test_the_server_sees_edits_of_seeds_and_taxonomy(tree):
    """`mkdocs serve --dirtyreload` (scripts/site.sh) rebuilds after an edit of a seed, of a
    sidecar and of the taxonomy (watched with the system's file events where it has them,
    hooks/digest_hook.py), and serves the changed pages."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tree / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirtyreload", "-a", f"127.0.0.1:{port}"],
                                  cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"

    def shows(path: str, text: str, timeout: float = 120) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    if text in response.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    try:
        assert shows("", "موجز القوقاز"), log.read_text()[-3000:]
        seed = tree / "seeds" / "000_71b24d93f0e166c3.txt"
        first, rest = seed.read_text(encoding="utf-8").split("\n", 1)
        seed.write_text(first + " (محدّث الآن)\n" + rest, encoding="utf-8")
        assert shows("articles/71b24d93f0e166c3/", "(محدّث الآن)"), log.read_text()[-3000:]
        (tree / "seeds" / "002_5f9c524816c939ca.yml").write_text("title: عنوان وضعه المحرر للتو\n", encoding="utf-8")
        assert shows("articles/5f9c524816c939ca/", "عنوان وضعه المحرر للتو"), log.read_text()[-3000:]
        replace_in(tree / "digest" / "data" / "taxonomy.yaml", "    description: >-\n", "    description: >-\n      وصف كتبه المحرر للتو\n")
        assert shows("topics/peace-treaty/", "وصف كتبه المحرر للتو"), log.read_text()[-3000:]
        # Idle, the server does not build again (a build reads the taxonomy and the
        # sidecars: a watcher that took a read for an edit would rebuild forever).
        time.sleep(3)
        builds = log.read_text().count("Building documentation")
        time.sleep(4)
        assert log.read_text().count("Building documentation") == builds
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    assert "with file events" in log.read_text()  # on Linux: inotify, not polling
