"""Issue 12: the breaks found by trying the digest as an attacker and as a careless
maintainer would, each reproduced and held here."""

import time
from pathlib import Path

import pytest

from conftest import SEEDS, plant_files_not_seeds
from digest.corpus.build import build_digest
from digest.model import SeedError

GOOD = sorted(SEEDS.glob("*.txt"))[0]


def _errors(digest):
    return {Path(e.path).name: e.reason for e in digest.errors}


# -- 1. nothing outside seeds/ is ever published ------------------------------------------------


def test_links_folders_and_special_files_are_errors_never_read(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_bytes(GOOD.read_bytes())
    reasons = plant_files_not_seeds(seeds, tmp_path)
    # A sidecar that is a link is not read either (and its seed is still published).
    (seeds / "good.yml").symlink_to(tmp_path / "secret.txt")
    reasons["good.yml"] = "symbolic link"
    digest = build_digest(seeds, workers=1)
    errors = _errors(digest)
    assert [a.path for a in digest.articles] == [str(seeds / "good.txt")]
    for name, reason in reasons.items():
        assert reason in errors[name], (name, errors[name])
    published = " ".join(" ".join(a.body) + a.raw for a in digest.articles)
    assert "كلمة السر" not in published and "root:" not in published


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_bytes(GOOD.read_bytes())
    with open(seeds / "huge.txt", "wb") as huge:
        huge.truncate(3 * 1024**3)  # 3 GB, sparse: it costs no disk, and reading it would cost 3 GB of memory
    started = time.perf_counter()
    digest = build_digest(seeds, workers=1)
    assert time.perf_counter() - started < 30
    assert "too large" in _errors(digest)["huge.txt"] and str(3 * 1024**3) in _errors(digest)["huge.txt"]
    assert len(digest.articles) == 1


def test_deeply_nested_sidecar_is_an_error_naming_it(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(GOOD.read_bytes())
    (seeds / "a.yml").write_text("title: " + "[" * 600 + "]" * 600 + "\n")
    (seeds / "b.txt").write_bytes(sorted(SEEDS.glob("*.txt"))[1].read_bytes())
    digest = build_digest(seeds, workers=1)
    assert "a.yml" in _errors(digest) or "a.txt" in _errors(digest)
    assert [Path(a.path).name for a in digest.articles] == ["b.txt"]


# -- 2. no input can hang a build --------------------------------------------------------------

MB = 1_000_000
LEAD = "وقعت أرمينيا وأذربيجان معاهدة السلام في واشنطن بعد مفاوضات طويلة بين وزيري الخارجية.\n"
ADVERSARIAL = {
    # Each took minutes to hours, or grew the site by megabytes, before the fix named.
    "abbreviations": "ب. " * (MB // 3),  # sentence splitting re-read the sentence so far
    "dates in one line": LEAD + "1/1/2020 " * (MB // 9),  # overlapping date spans compared pairwise
    "date lines": LEAD + "الأحد 3 مارس 2024\n" * (MB // 18),
    "one-word lines": LEAD + "كلمة\n" * (MB // 5),
    "bars": "سياسة | " * (MB // 8) + "\n" + LEAD,
    "open brackets": LEAD + "(" * MB,
    "datelines": "باكو (" * (MB // 6) + "\n" + LEAD,
    "read-also markers": LEAD + "اقرأ أيضا\n" * (MB // 10),
    "keywords": "عنوان الخبر عن معاهدة السلام\n" + LEAD + "كلمات دلالية: " + "، ".join(f"وسم{i}" for i in range(60000)),
    "hashtag lines": "عنوان الخبر عن معاهدة السلام\n" + LEAD + "\n".join(f"#وسم{i} #آخر{i}" for i in range(40000)),
}


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL))
def test_megabyte_of_adversarial_text_parses_in_bounded_time(pipeline, shape):
    # A ceiling, not a speed claim (speed is measured in bench/): quadratic steps took
    # minutes to hours on these; linear ones take a few seconds on this 2-core machine.
    started = time.perf_counter()
    try:
        article = pipeline.article(f"{shape}.txt", ADVERSARIAL[shape].encode("utf-8"))
    except SeedError:
        article = None
    assert time.perf_counter() - started < 60
    if article is not None:
        assert len(article.title) <= 200 and len(article.tags) <= 20


def test_a_giant_headline_is_cut_at_a_word_and_kept_whole_in_the_body(make_article):
    # A headline of the lead's words, then one "word" of 200,000 letters.
    giant = "أرمينيا وأذربيجان توقعان معاهدة السلام في واشنطن " + "ب" * 200_000
    article = make_article(f"{giant}\n{LEAD}")
    assert len(article.title) <= 200
    assert article.body[0] == giant  # nothing lost: the full text opens the body
    assert any(w.code.value == "headline cut" for w in article.warnings)


def test_tags_are_capped_the_most_specific_kept(make_article):
    names = ("نيكول باشينيان إلهام علييف آرارات ميرزويان جيهون بيراموف سيرغي لافروف فلاديمير بوتين "
             "أرمينيا أذربيجان روسيا تركيا إيران جورجيا باكو يريفان موسكو أنقرة طهران تبليسي ستيباناكيرت")
    keywords = "، ".join(f"كلمة{i}" for i in range(200))
    article = make_article(f"عنوان عن معاهدة السلام والمفاوضات\nقال {names} إن معاهدة السلام قريبة.\nكلمات دلالية: {keywords}")
    assert len(article.tags) <= 20
    assert "آرارات ميرزويان" in article.tags and "نيكول باشينيان" in article.tags


# -- 4. values that skipped the cleaning ----------------------------------------------------------


def test_sidecar_controls_and_bidi_never_reach_titles_or_feeds(tmp_path):
    import xml.etree.ElementTree as ET

    from digest.site import build_site

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(GOOD.read_bytes())
    # YAML escapes put a bell, an escape, a right-to-left override and U+FFFF in the title.
    (seeds / "a.yml").write_text('title: "عنوان\\a مصحح\\x1b\\u202e بيد\\uFFFF المحرر"\nsources: ["وكالة\\u202e"]\n')
    (seeds / "b.txt").write_text(f"عنوان فيه حرف غير مسموح \uffff وآخر \U0010ffff هنا\n{LEAD}", encoding="utf-8")
    site = build_site(seeds, None, None, "https://example.org/")
    titles = {Path(a.path).name: a.title for a in site.digest.articles}
    assert titles["a.txt"] == "عنوان مصحح بيد المحرر"
    assert "\uffff" not in titles["b.txt"] and "\U0010ffff" not in titles["b.txt"]
    feeds = [uri for uri in site.files if uri.endswith(".xml")]
    assert feeds
    for uri in feeds:
        ET.fromstring(site.text(uri).encode("utf-8"))  # valid XML, or this raises


def test_feeds_are_valid_xml_for_any_text():
    import xml.etree.ElementTree as ET

    from hypothesis import given, settings, strategies as st

    from digest.site.feeds import rss
    from digest.model import Article

    @settings(max_examples=200, deadline=None)
    @given(st.text(min_size=1, max_size=50), st.text(max_size=50), st.text(max_size=20))
    def check(title, summary, source):
        article = Article(id="x", path="x.txt", title=title, summary=summary, sources=[source], topics=["t"])
        text = rss(title, "https://e.org/", summary, [article], lambda a: "https://e.org/x/", lambda s: source)
        ET.fromstring(text.encode("utf-8"))

    check()


# -- 6. the cache is never trusted ------------------------------------------------------------------


def test_a_corrupted_cache_is_dropped_and_reparsed_never_published(tmp_path):
    import random

    from digest.corpus.cache import ArticleCache
    from digest.parse.assembly import Pipeline

    pipeline = Pipeline()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        (seeds / path.name).write_bytes(path.read_bytes())
    cache_file = tmp_path / "cache.json"
    clean = build_digest(seeds, pipeline, ArticleCache(cache_file, "f"), workers=1)
    expected = [a.to_record() for a in clean.articles]
    good = cache_file.read_bytes()
    rng = random.Random(12)
    text = good.decode("utf-8")
    letters = [i for i, ch in enumerate(text) if "\u0621" <= ch <= "\u064a"]
    damaged = []
    for length in (0, 1, 10, len(good) // 2, len(good) - 1):
        damaged.append(("truncated", good[:length]))
    for _ in range(60):
        flipped = bytearray(good)
        position = rng.randrange(len(flipped))
        flipped[position] ^= 1 << rng.randrange(8)
        damaged.append(("bit flip", bytes(flipped)))
    for _ in range(60):
        # Another valid letter: still valid UTF-8 and valid JSON, only the checksum can tell.
        position = rng.choice(letters)
        swapped = "ب" if text[position] != "ب" else "ت"
        damaged.append(("letter", (text[:position] + swapped + text[position + 1:]).encode("utf-8")))
    damaged.append(("not json", b"\x80\x81garbage"))
    damaged.append(("nested", b"[" * 100000))
    for how, data in damaged:
        cache_file.write_bytes(data)
        digest = build_digest(seeds, pipeline, ArticleCache(cache_file, "f"), workers=1)
        assert [a.to_record() for a in digest.articles] == expected, how
        assert not digest.errors
    # And after a rebuild the cache is whole again: every entry a hit.
    cache = ArticleCache(cache_file, "f")
    build_digest(seeds, pipeline, cache, workers=1)
    assert cache.hits == len(expected) and cache.dropped == 0


def test_cache_records_are_checked_field_by_field():
    from digest.model import Article

    record = Article(id="a", path="a.txt", title="t").to_record()
    assert Article.from_record(record).title == "t"
    for broken in ({**record, "title": 5}, {**record, "removed": [{"kind": "nope", "text": ""}]},
                   {**record, "extra": 1}, {k: v for k, v in record.items() if k != "body"}, [], None):
        with pytest.raises(ValueError):
            Article.from_record(broken)


# -- 7. workers die with their parent ----------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_parse_workers_die_with_a_stopped_build(tmp_path, how):
    import signal
    import subprocess
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from synth import write_seeds

    seeds = tmp_path / "seeds"
    write_seeds(seeds, 4000)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
        "from digest.corpus.build import build_digest; build_digest(Path(sys.argv[2]), workers=2)"
    )
    build = subprocess.Popen([sys.executable, "-c", script, str(ROOT), str(seeds)])
    try:
        workers: list[int] = []
        deadline = time.time() + 60
        while time.time() < deadline and len(workers) < 2 and build.poll() is None:
            workers = _children(build.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the build did not start its workers"
        time.sleep(0.5)  # mid-parse
        build.send_signal(getattr(signal, how))
        build.wait(30)
        deadline = time.time() + 10
        while time.time() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.05)
        left = [w for w in workers if Path(f"/proc/{w}").exists()
                and (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z")]
        assert not left, f"workers left running after {how}: {left}"
    finally:
        if build.poll() is None:
            build.kill()


# -- 8. two names, one URL ------------------------------------------------------------------------


def test_names_made_to_collide_keep_every_article_at_its_own_url(tmp_path):
    import hashlib

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    texts = sorted(SEEDS.glob("*.txt"))
    # "Ab.txt" and "ab.txt" both give the id "ab"; the second would get "ab-" + the first six
    # hex digits of sha1("ab.txt"): a third seed is named exactly that.
    taken = "ab-" + hashlib.sha1(b"ab.txt").hexdigest()[:6]
    for name, source in (("Ab.txt", texts[0]), (f"{taken}.txt", texts[1]), ("ab.txt", texts[2]), ("a b.txt", texts[3])):
        (seeds / name).write_bytes(source.read_bytes())
    digest = build_digest(seeds, workers=1)
    ids = [a.id for a in digest.articles]
    assert len(digest.articles) == 4 and len(set(ids)) == 4, ids
    from digest.site.pages import SiteRenderer
    from digest.site.urls import article_uri
    from digest.taxonomy import Taxonomy
    from digest.language.dates import calendar

    pages = SiteRenderer.of(digest.articles, Taxonomy.load(), calendar()).pages()
    assert all(article_uri(a) in pages for a in digest.articles)
    assert len({article_uri(a) for a in digest.articles}) == 4


# -- 5. the taxonomy, edited by hand ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t["entities"][0]["aliases"].append(""), "no letters or digits"),
        (lambda t: t["entities"][0]["aliases"].append("-"), "no letters or digits"),
        (lambda t: t["topics"][0]["patterns"].append(" "), "no letters or digits"),
        (lambda t: t["entities"][1]["aliases"].append(t["entities"][0]["aliases"][0]), "is given to both"),
        (lambda t: t["topics"][0].update(label="<img src=x onerror=alert(1)>"), "holds markup"),
        (lambda t: t["entities"][0].update(description="[click](javascript:alert(1))"), "holds markup"),
        (lambda t: t["sources"][0].update(label="&lt;b&gt;"), "holds markup"),
    ],
)
def test_taxonomy_mistakes_are_errors_naming_entry_and_key(tmp_path, edit, message):
    import yaml

    from digest.taxonomy import DEFAULT_PATH, Taxonomy, TaxonomyError

    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TaxonomyError) as raised:
        Taxonomy.load(path)
    assert message in str(raised.value) and "taxonomy.yaml" in str(raised.value)


def test_taxonomy_strings_are_sanitised(tmp_path):
    import yaml

    from digest.taxonomy import DEFAULT_PATH, Taxonomy

    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["topics"][0]["label"] = "معاهدة\u202e السلام\x07"
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert Taxonomy.load(path).topics[0].label == "معاهدة السلام"


def test_the_search_worker_always_advances_and_never_reads_object_properties(tmp_path):
    import json
    import shutil
    import subprocess

    from conftest import ROOT
    from digest.language.dates import calendar
    from digest.site.context import SiteContext
    from digest.site.search import build_index
    from digest.taxonomy import Taxonomy

    digest = build_digest(SEEDS, workers=1)
    for uri, text in build_index(SiteContext.build(digest.articles, Taxonomy.load(), calendar())).items():
        (tmp_path / uri).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / uri).write_text(text if isinstance(text, str) else text(), encoding="utf-8")
    # An index written before the taxonomy was validated: an entity with an empty alias
    # made every query loop forever.
    meta_path = tmp_path / "search/digest/meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["entities"].append(["ghost", "شبح", [[], [["constructor"]]]])
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "search/digest/entities/ghost.json").write_text("[]", encoding="utf-8")
    queries = ["باكو", "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "شبح", "معاهده السلام"]
    result = subprocess.run([shutil.which("node") or "node", str(ROOT / "tests/js/worker-harness.js"), str(tmp_path), *queries],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    answers = {a["query"]: a for a in map(json.loads, result.stdout.splitlines())}
    assert set(answers) == set(queries)  # every query finished
    assert not any("error" in a for a in answers.values()), answers
    assert answers["باكو"]["results"] and answers["معاهده السلام"]["results"]
    for word in ("__proto__", "toString", "hasOwnProperty", "valueOf"):
        assert answers[word]["results"] == []
