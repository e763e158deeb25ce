"""Reader features (issue #6): entity and source pages, related articles, key dates, feeds,
sharing metadata, provenance, export, palette and print."""

import html
import json
import os
import re
import subprocess
import sys

import feedparser
import pytest

from conftest import ROOT, SEEDS

A000, A001, A002, A003, A004 = (
    "71b24d93f0e166c3", "0795dd7ba1cf26a9", "5f9c524816c939ca", "e95859598815607c", "0ba9f4aca8c64938",
)
SITE_URL = "https://caucasus-digest.example.org/"


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_home_links_to_every_feature(built_site):
    home = read(built_site, "index.html")
    for target in ["topics/peace-treaty/", "tags/", "sources/", "timeline/", "archive/", "feed.xml"]:
        assert f'href="{target}"' in home, target


def test_entity_pages_show_aliases_and_articles_newest_first(built_site):
    page = read(built_site, "tags/karabakh/index.html")
    assert '<span class="digest-kind">منطقة</span>' in page and "قره باج" in page
    order = [page.index(f"articles/{i}/") for i in [A001, A000, A003, A004]]  # 2024-06, 2023-09, 2021-10, undated
    assert order == sorted(order)
    for slug in ["sergey-lavrov", "nikol-pashinyan", "ilham-aliyev", "csto"]:
        assert (built_site / "tags" / slug / "index.html").is_file()


def test_sources_page_lists_each_publisher_with_its_articles(built_site):
    page = read(built_site, "sources/index.html")
    for name in ["صدى البلد", "بوابة الوفد", "الأناضول", "تاس", "نوفوستي", "RT"]:
        assert name in page
    assert f"articles/{A004}/" in read(built_site, "sources/rt/index.html")
    assert f"articles/{A004}/" not in read(built_site, "sources/tass/index.html")


def test_related_articles_share_topics_and_entities(built_site):
    page = read(built_site, f"articles/{A001}/index.html")
    content = page[page.index('<article class="md-content__inner'):]
    section = content[content.index("أخبار ذات صلة"):]
    section = section[: section.index("</section>")]
    links = re.findall(r'href="(?:\.\./)+(?:articles/)?(\w{16})/"', section)
    assert len(links) == 3 and A001 not in links
    assert links[0] == A000  # the other peace-treaty + border article
    assert "2023" in section  # with dates


def test_related_prefers_rare_shared_entities(make_article):
    from digest.site.context import newest_first
    from digest.site.related import related_articles

    base = make_article("خبر أ\nزار باشينيان موسكو والتقى بوتين في روسيا.", "a.txt")
    rare = make_article("خبر ب\nتحدث باشينيان عن الوضع.", "b.txt")
    common = make_article("خبر ج\nقالت روسيا إن موسكو مستعدة.", "c.txt")  # shares روسيا, موسكو only
    others = [make_article(f"خبر {n}\nقالت روسيا إن موسكو ترحب.", f"o{n}.txt") for n in range(5)]
    ranked = related_articles(newest_first([base, rare, common, *others]))[base.id]
    assert ranked[0].id == rare.id


def test_timeline_lists_dates_cited_by_several_articles(built_site):
    page = read(built_site, "timeline/index.html")
    assert "9 نوفمبر 2020" in page and "يذكره 3 أخبار" in page
    for ident in [A001, A003, A004]:
        assert f"articles/{ident}/" in page
    assert "الموقعة بتاريخ 9 نوفمبر 2020" in page  # the sentence that cites it
    assert "27 سبتمبر 2020" not in page  # cited by one article only


def test_timeline_never_uses_an_articles_own_date(make_article):
    from digest.site.context import newest_first
    from digest.site.timeline import key_dates

    a = make_article("خبر\nقال الوزير اليوم الجمعة 1 تشرين الأول 2021 إن اتفاق 9 نوفمبر 2020 صامد.", "a.txt")
    b = make_article("خبر آخر\nفي 1 أكتوبر 2021 وقع اتفاق، بعد بيان 9 نوفمبر 2020.", "b.txt")
    assert a.date == "2021-10-01"
    assert list(key_dates(newest_first([a, b]))) == ["2020-11-09"]


def test_feeds_are_valid_and_announced(built_site):
    feed = feedparser.parse(read(built_site, "feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 5
    assert feed.entries[0].link == SITE_URL + f"articles/{A002}/"
    undated = [e for e in feed.entries if A004 in e.link][0]
    assert "published" not in undated  # no date invented
    assert feed.entries[0].published_parsed[:3] == (2024, 10, 18)
    topic = feedparser.parse(read(built_site, "topics/peacekeepers/feed.xml"))
    assert not topic.bozo and {e.link.split("/")[-2] for e in topic.entries} == {A001, A003}
    assert 'type="application/rss+xml"' in read(built_site, f"articles/{A000}/index.html")
    page = read(built_site, "topics/peacekeepers/index.html")
    # Announced in <head> (the digest's and the topic's) and linked from the intro.
    assert 'href="feed.xml"' in page and page.count('rel="alternate" type="application/rss+xml"') == 2


def test_sharing_metadata(built_site):
    page = read(built_site, f"articles/{A002}/index.html")
    assert '<meta name="description" content="وزير الخارجية الروسي سيرغي لافروف' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:url" content="{SITE_URL}articles/{A002}/">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2024-10-18"
    assert data["headline"].startswith("لافروف من إسطنبول") and data["publisher"][0]["name"] == "الأناضول"
    undated = json.loads(re.search(r'ld\+json">(.*?)</script>', read(built_site, f"articles/{A004}/index.html"), re.S).group(1))
    assert "datePublished" not in undated
    sitemap = read(built_site, "sitemap.xml")
    assert f"<loc>{SITE_URL}articles/{A002}/</loc>" in sitemap


def test_provenance_links_the_seed_and_folds_what_was_removed(built_site):
    raw = read(built_site, f"raw/{A004}.html")
    shown = html.unescape(re.search(r'<pre class="raw-text" lang="ar">(.*?)</pre>', raw, re.S).group(1))
    assert shown == (SEEDS / "004_0ba9f4aca8c64938.txt").read_text(encoding="utf-8")  # verbatim
    assert raw.startswith('<!doctype html>\n<html lang="ar" dir="rtl">') and f'<link rel="canonical" href="{SITE_URL}articles/{A004}/">' in raw
    page = read(built_site, f"articles/{A004}/index.html")
    assert f'href="../../raw/{A004}.html"' in page
    details = page[page.index("<details>"):page.index("</details>")]
    for removed in ["لا تعليق!", "مشاركة |", "الترتيب العالمي للدول العربية"]:
        assert removed in details


def test_export_builds_the_same_site_without_the_hook(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    exported = tmp_path / "export"
    result = subprocess.run([sys.executable, "-m", "digest", "export", str(exported)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "hooks" not in (exported / "mkdocs.yml").read_text(encoding="utf-8")
    sites = {}
    for name, cwd in [("hook", ROOT), ("export", exported)]:
        sites[name] = tmp_path / f"site-{name}"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(sites[name])],
                               cwd=cwd, capture_output=True, text=True, env=env)
        assert build.returncode == 0, build.stderr[-2000:]
    files = {p.relative_to(sites["hook"]) for p in sites["hook"].rglob("*") if p.is_file()}
    assert files == {p.relative_to(sites["export"]) for p in sites["export"].rglob("*") if p.is_file()}
    for rel in files:
        a, b = (sites["hook"] / rel).read_bytes(), (sites["export"] / rel).read_bytes()
        if rel.suffix == ".html":
            # The hook's one addition to Material's HTML: dir="rtl" on <html> (Material puts it on <body>).
            a = a.replace(b'<html dir="rtl" lang="ar"', b'<html lang="ar"', 1)
        assert a == b, rel


@pytest.fixture(scope="module")
def site_url(built_site, serve):
    return serve(built_site)


def test_palette_toggle_switches_to_dark_and_back(browser, site_url):
    page = browser.new_page()
    page.goto(site_url)
    scheme = lambda: page.eval_on_selector("body", "b => b.getAttribute('data-md-color-scheme')")  # noqa: E731
    first = scheme()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert scheme() != first
    page.close()


def test_print_shows_the_article_and_nothing_around_it(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + f"articles/{A002}/")
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", ".digest-tags", ".digest-crumbs"]:
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    assert page.locator("h1").is_visible() and page.locator(".digest-body").is_visible()
    pdf = page.pdf()  # Chromium's own print path
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


def test_removed_parts_unfold_in_the_browser(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + f"articles/{A004}/")
    assert not page.locator(".digest-provenance li").first.is_visible()
    page.locator(".digest-provenance summary").click()
    assert page.locator(".digest-provenance li", has_text="لا تعليق!").is_visible()
    page.locator(".digest-provenance a.digest-raw-link").click()
    page.wait_for_url(f"**/raw/{A004}.html")
    assert "لا تعليق!" in page.locator("body").inner_text()
    page.close()
