"""A full `mkdocs build --strict`: the pages exist, link to each other, and are Arabic RTL."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ARTICLE_IDS = ["71b24d93f0e166c3", "0795dd7ba1cf26a9", "5f9c524816c939ca", "e95859598815607c", "0ba9f4aca8c64938"]
TOPICS = ["peace-treaty", "border-delimitation", "peacekeepers"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.html_tag: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_tag = attrs
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_expected_pages_exist(built_site):
    for page in ["index.html", "archive/index.html", "tags/index.html", "topics/index.html"]:
        assert (built_site / page).is_file(), page
    for ident in ARTICLE_IDS:
        assert (built_site / "articles" / ident / "index.html").is_file()
    for slug in TOPICS:
        assert (built_site / "topics" / slug / "index.html").is_file()


def test_every_page_is_arabic_rtl_and_every_internal_link_resolves(built_site):
    pages = sorted(built_site.rglob("*.html"))
    # home, 404, tags index, topics index + 3 topics, 5 articles, and the listings: archive
    # index + one page per month and the undated page, a page per tag, per publisher (+ index)
    assert len(pages) > 13
    for page in pages:
        parsed = parse(page)
        assert parsed.html_tag.get("lang") == "ar" and parsed.html_tag.get("dir") == "rtl", page
        assert re.search(r"<html[^>]*\blang=\"ar\"", page.read_text(encoding="utf-8"))
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
                continue
            path = unquote(parts.path)
            # 404.html links from the site root (site_url's path is "/").
            target = (built_site / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(built_site)} → {link}"


def test_pages_link_to_each_other(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for slug in TOPICS:
        assert f'href="topics/{slug}/"' in home
    assert 'href="archive/"' in home and 'href="tags/"' in home
    topic = (built_site / "topics/peace-treaty/index.html").read_text(encoding="utf-8")
    for ident in ["71b24d93f0e166c3", "0795dd7ba1cf26a9", "5f9c524816c939ca", "0ba9f4aca8c64938"]:
        assert f"../../articles/{ident}/" in topic
    assert "e95859598815607c" not in topic
    archive = (built_site / "archive/index.html").read_text(encoding="utf-8")
    for month in ["2024/10/", "2024/06/", "2023/09/", "2021/10/", "undated/"]:
        assert f'href="../archive/{month}"' in archive
    assert "../../../articles/5f9c524816c939ca/" in (built_site / "archive/2024/10/index.html").read_text(encoding="utf-8")
    tags = (built_site / "tags/index.html").read_text(encoding="utf-8")
    # Each chip links the tag to its page, with its number of articles (in words on hover).
    assert re.search(r'<a href="../tags/karabakh/" class="digest-chip" title="4 مقالات">قره باغ <span class="digest-chip__count">4</span></a>', tags)
    assert 'title="مقالان">آرارات ميرزويان' in tags  # Arabic dual
    karabakh = (built_site / "tags/karabakh/index.html").read_text(encoding="utf-8")
    assert all(f"../../articles/{i}/" in karabakh for i in ["71b24d93f0e166c3", "0795dd7ba1cf26a9", "e95859598815607c", "0ba9f4aca8c64938"])


def test_topic_page_lists_newest_first_with_date_source_and_evidence(built_site):
    html = (built_site / "topics/peace-treaty/index.html").read_text(encoding="utf-8")
    order = [html.index(f"articles/{i}/") for i in ["5f9c524816c939ca", "0795dd7ba1cf26a9", "71b24d93f0e166c3", "0ba9f4aca8c64938"]]
    assert order == sorted(order)  # 2024-10-18, 2024-06-05 (inferred), 2023-09-27, unknown
    assert "18 أكتوبر 2024" in html and "الأناضول" in html and 'title="تاريخ تقديري:' in html
    assert '<blockquote class="digest-evidence">' in html and "<mark>اتفاق السلام</mark>" in html


def test_article_page_shows_date_sources_tags_and_body(built_site):
    html = (built_site / "articles/0ba9f4aca8c64938/index.html").read_text(encoding="utf-8")
    assert '<span class="digest-date digest-date--none">دون تاريخ</span>' in html and "غير معروف" not in html
    assert '<a href="../../sources/novosti/">نوفوستي</a>، <a href="../../sources/rt/">RT</a>' in html
    assert re.search(r'<a href="../../tags/ilham-aliyev/" class="digest-chip">إلهام علييف</a>', html)
    assert 'href="../../sources/novosti/"' in html
    body = html[html.index('<div class="digest-body">'):]
    body = body[: body.index("</div>")]
    assert "لا تعليق" not in body and "مشاركة |" not in body and "لافروف" not in body
    html = (built_site / "articles/71b24d93f0e166c3/index.html").read_text(encoding="utf-8")
    assert "27 سبتمبر 2023" in html


def test_nav_does_not_list_articles(built_site):
    html = (built_site / "archive/index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    assert "articles/" not in nav


def test_generated_pages_are_not_written_into_docs(built_site):
    from conftest import ROOT

    assert not (ROOT / "docs" / "articles").exists() and not (ROOT / "docs" / "topics").exists()


def test_search_index_is_published_in_shards(built_site):
    import json

    from digest.site.search import shard_key

    root = built_site / "search/digest"
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    assert meta["count"] == 5 and ["سيرجي", "سيرغي"] in meta["variants"]
    shard = json.loads((root / f"terms/{shard_key('سلام')}.json").read_text(encoding="utf-8"))
    assert "سلام" in shard and all(k.startswith("سل") for k in shard)
    docs = json.loads((root / "docs/0.json").read_text(encoding="utf-8"))
    assert len(docs) == 5 and docs[0][0] == "articles/5f9c524816c939ca/"  # newest first
    karabakh = json.loads((root / "entities/karabakh.json").read_text(encoding="utf-8"))
    assert len(karabakh) == 4
