"""Broken and hostile seeds: each gets a page or an error that names it; nothing executes."""

import pytest

from conftest import SEEDS
from digest.model import SeedError
from digest.corpus.build import build_digest
from digest.parse.reader import MAX_BYTES, decode_seed

GOOD = (SEEDS / "002_5f9c524816c939ca.txt").read_bytes()
TITLE = "لافروف من إسطنبول: الغرب يهدد الأمن في جنوب القوقاز"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "only whitespace"),
        (bytes(range(256)) * 40, "binary data"),
        (bytes(range(0x80, 0x100)) * 40, "not valid UTF-8"),
        (b"\x00" * 10 + b"abc", "binary data"),
        (b"\xff" * (MAX_BYTES + 1), "too large"),
        ("... ,,, !!! 123".encode(), "no letters"),
    ],
    ids=["empty", "whitespace", "binary", "invalid-utf8", "nul", "huge", "no-letters"],
)
def test_unreadable_input_is_a_clear_error_naming_the_file(data, reason):
    with pytest.raises(SeedError) as caught:
        decode_seed("seeds/bad.txt", data)
    assert str(caught.value).startswith("seeds/bad.txt: ") and reason in str(caught.value)


def test_windows_1256_arabic_is_decoded_not_mojibake(pipeline):
    text = GOOD.decode("utf-8")
    article = pipeline.article("cp.txt", text.encode("cp1256", errors="replace"))
    assert article.title == TITLE and article.sources == ["الأناضول"]


@pytest.mark.parametrize(
    "transform",
    [
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b.replace(b"\n", b"\r"),
        lambda b: b.rstrip(b"\n"),
        lambda b: b.replace("الغرب".encode(), "ال\x00غرب".encode()),
    ],
    ids=["bom", "crlf", "cr", "no-final-newline", "stray-nul"],
)
def test_encoding_variants_give_the_same_article(pipeline, transform):
    plain = pipeline.article("a.txt", GOOD)
    variant = pipeline.article("a.txt", transform(GOOD))
    assert (variant.title, variant.date, variant.sources, variant.body) == (plain.title, plain.date, plain.sources, plain.body)


def test_bidi_and_zero_width_controls_are_removed_from_titles(pipeline):
    data = GOOD.replace(TITLE.encode(), ("\u202e" + TITLE[:6] + "\u200f\u200b" + TITLE[6:]).encode(), 1)
    article = pipeline.article("bidi.txt", data)
    assert article.title == TITLE


def test_five_megabyte_seed_and_one_megabyte_line_still_build(pipeline):
    paragraph = "قال وزير الخارجية إن ترسيم الحدود بين أرمينيا وأذربيجان يتقدم. "
    copies = 5_000_000 // len(paragraph.encode())
    big = ("عنوان طويل\n" + "".join(f"{n} {paragraph}\n" for n in range(copies))).encode()
    assert 4_900_000 < len(big) < MAX_BYTES
    article = pipeline.article("big.txt", big)
    assert article.topics == ["border-delimitation"] and len(article.body) == copies
    line = ("عنوان\n" + paragraph * (1_000_000 // len(paragraph.encode()))).encode()
    article = pipeline.article("line.txt", line)
    assert len(article.body) == 1 and len(article.body[0]) > 400_000


def test_a_folder_of_odd_files_accounts_for_every_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_71b24d93f0e166c3.txt").write_bytes(GOOD)
    (seeds / "copy of the same.txt").write_bytes(GOOD.replace(b"\n", b"\r\n"))  # same text
    (seeds / "خبر عن باكو.txt").write_bytes("خبر عن باكو\nزار الوزير باكو أمس.".encode())
    (seeds / "with space.txt").write_bytes("عنوان\nنص الخبر هنا.".encode())
    (seeds / "With-Space.txt").write_bytes("عنوان آخر\nنص خبر آخر هنا.".encode())  # same URL slug
    (seeds / "notes.md").write_bytes(b"not a seed")
    (seeds / ".hidden.txt").write_bytes(GOOD)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "orphan.yml").write_text("title: x\n")
    digest = build_digest(seeds)
    published = {a.path.split("/")[-1]: a.id for a in digest.articles}
    errors = {e.path.split("/")[-1]: e.reason for e in digest.errors}
    assert set(published) == {"000_71b24d93f0e166c3.txt", "خبر عن باكو.txt", "with space.txt", "With-Space.txt"}
    assert set(errors) == {"copy of the same.txt", "notes.md", ".hidden.txt", "empty.txt", "orphan.yml"}
    assert "000_71b24d93f0e166c3.txt" in errors["copy of the same.txt"]
    ids = list(published.values())
    assert len(set(ids)) == len(ids) and all(i.isascii() for i in ids)
    assert published["with space.txt"] != published["With-Space.txt"]


def test_editorial_override(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "004_0ba9f4aca8c64938.txt").write_bytes((SEEDS / "004_0ba9f4aca8c64938.txt").read_bytes())
    (seeds / "004_0ba9f4aca8c64938.yml").write_text(
        "title: عنوان من المحرر\ndate: 2021-10-27\nsources: [نوفوستي]\ntopics: [peace-treaty, peacekeepers]\ntags: [بوتين, '<b>x</b>']\n",
        encoding="utf-8",
    )
    (article,) = build_digest(seeds).articles
    assert article.title == "عنوان من المحرر"
    assert (article.date, article.date_inferred) == ("2021-10-27", False)
    assert article.sources == ["نوفوستي"]
    assert article.topics == ["peace-treaty", "peacekeepers"]
    assert article.tags == ["بوتين", "b x b"]


@pytest.mark.parametrize(
    "override, key",
    [
        ("date: 27/10/2021\n", "'date'"),
        ("date: 2021-02-30\n", "'date'"),
        ("topics: [peace]\n", "'topics'"),
        ("sources: نوفوستي\n", "'sources'"),
        ("author: x\n", "'author'"),
        ("title: [\n", "not valid YAML"),
        ("- a list\n", "mapping"),
    ],
)
def test_bad_override_is_an_error_naming_file_and_key(tmp_path, override, key):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(GOOD)
    (seeds / "a.yml").write_text(override, encoding="utf-8")
    digest = build_digest(seeds)
    assert not digest.articles
    (error,) = digest.errors
    assert error.path.endswith("a.yml") and key in error.reason
