"""The exported tree built by Zensical, Material's successor (it reads mkdocs.yml-style
configuration but runs no hooks), checked in Chromium: every page is there, article, topic
and tag pages render right to left, and the Arabic search finds the seeds as in the MkDocs
build.

Zensical lives in its own venv (.venv-zensical, made by scripts/setup-zensical.sh from
requirements-zensical.txt); without it this module is skipped.

What differs from the MkDocs build, by design: Zensical's own search box is replaced (in
overrides-zensical/, used through zensical.toml) by one that asks the digest's Arabic worker,
because Zensical's index holds none of our pages and its worker protocol is not Material's;
so the box and its results have their own markup (.digest-search*), not Material's
(.md-search*). The searched words are marked on the opened page by our own script
(digest-highlight.js), in both builds. Zensical puts dir="rtl" on <body> only, as Material
does without the hook.
"""

import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, SCREENSHOTS
from test_browser import A000, A002, A003, A004, QUERIES, assert_finds

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
BUILD_SECONDS = 300

pytestmark = pytest.mark.skipif(
    not ZENSICAL.exists(),
    reason="Zensical is not installed: run `bash scripts/setup-zensical.sh` (makes .venv-zensical)",
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The five seeds exported (`python -m digest export`) and built by `zensical build --strict`."""
    tree = tmp_path_factory.mktemp("zensical") / "export"
    export = subprocess.run([sys.executable, "-m", "digest", "export", str(tree)], cwd=ROOT,
                            capture_output=True, text=True, timeout=BUILD_SECONDS)
    assert export.returncode == 0, export.stderr[-3000:]
    build = subprocess.run([str(ZENSICAL), "build", "--strict"], cwd=tree,
                           capture_output=True, text=True, timeout=BUILD_SECONDS)
    assert build.returncode == 0, (build.stdout + build.stderr)[-3000:]
    assert "zensical-" in (tree / "site" / "index.html").read_text(encoding="utf-8")  # built by Zensical
    return tree


@pytest.fixture(scope="module")
def site_url(exported, serve):
    return serve(exported / "site")


@pytest.fixture
def page(page_in):
    return page_in(console_errors=True)


def ids(hrefs):
    return [urlsplit(h).path.rstrip("/").split("/")[-1] for h in hrefs]


def type_query(page, query):
    box = page.locator("[data-digest-search-input]")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=40)  # letter by letter, no trailing space


def results(page, settle=0.6, timeout=10.0):
    """Article ids of the result list once it has stopped changing for ``settle`` seconds."""
    page.locator(".digest-search__item").first.wait_for(timeout=timeout * 1000)
    read = lambda: page.eval_on_selector_all(".digest-search__item > a", "els => els.map(e => e.href)")  # noqa: E731
    deadline, last, stable_since = time.monotonic() + timeout, read(), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - stable_since < settle:
        time.sleep(0.1)
        current = read()
        if current != last:
            last, stable_since = current, time.monotonic()
    return ids(last)


def test_every_exported_page_is_built(exported):
    docs, site = exported / "docs", exported / "site"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 40
    for md in pages:
        rel = md.relative_to(docs).with_suffix("")
        html = site / (rel.parent if rel.name == "index" else rel) / "index.html"
        assert html.is_file(), html
    for path in docs.rglob("*"):  # assets, feeds, the search index, raw seeds
        if path.is_file() and path.suffix != ".md":
            assert (site / path.relative_to(docs)).read_bytes() == path.read_bytes(), path


def test_zensical_reads_the_same_configuration_as_mkdocs(exported):
    """zensical.toml is mkdocs.yml with the Zensical overrides: nothing else differs."""
    import tomllib

    import yaml

    mkdocs = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    zensical = tomllib.loads((exported / "zensical.toml").read_text(encoding="utf-8"))["project"]
    assert zensical["theme"].pop("custom_dir") == "overrides-zensical"
    assert mkdocs["theme"].pop("custom_dir") == "overrides"
    assert zensical == mkdocs


def test_article_page_renders_with_its_tags(page, site_url):
    page.goto(site_url + f"articles/{A002}/")
    assert "الغرب يهدد الأمن" in page.locator("h1").inner_text()
    assert page.locator("article p").count() > 3
    page.locator(".digest-tags a", has_text="إلهام علييف").click()
    page.wait_for_url("**/tags/ilham-aliyev/")


def test_topic_page_opens_articles_newest_first(page, site_url):
    page.goto(site_url + "topics/peace-treaty/")
    titles = page.locator("article h3 a")
    assert titles.count() == 4
    assert A002 in titles.first.get_attribute("href")
    titles.first.click()
    page.wait_for_url(f"**/articles/{A002}/")


def test_tag_page_lists_its_articles(page, site_url):
    page.goto(site_url + "tags/ilham-aliyev/")
    assert "إلهام علييف" in page.locator("h1").inner_text()
    listed = ids(page.eval_on_selector_all(".digest-card h3 a", "els => els.map(a => a.href)"))
    assert {A002, A003, A004} <= set(listed)


def test_tags_index_links_each_tag_to_its_page(page, site_url):
    page.goto(site_url + "tags/")
    chips = page.locator(".md-content__inner .digest-chip")
    hrefs = chips.evaluate_all("es => es.map(e => e.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)) > 20  # one chip per tag, each its own page
    chips.first.click()
    page.wait_for_url("**/tags/*/")
    assert page.locator(".digest-card h3 a").count() >= 1


@pytest.mark.parametrize("query", list(QUERIES))
def test_typed_arabic_query_finds_the_articles(page, site_url, query):
    page.goto(site_url)
    type_query(page, query)
    assert_finds(query, results(page))


def test_results_show_count_title_and_highlight(page, site_url):
    page.goto(site_url)
    type_query(page, "لافر")  # not a whole word yet
    assert {A000, A002, A003} <= set(results(page))
    assert page.locator("[data-digest-search-status]").inner_text() == "الأخبار المطابقة: 3"  # our Arabic UI strings, in Zensical too
    first = page.locator(".digest-search__item").first
    assert "لافروف" in first.locator("mark").first.inner_text()
    assert page.eval_on_selector(".digest-search__results", "e => getComputedStyle(e).direction") == "rtl"
    type_query(page, "زززز")
    page.locator("[data-digest-search-status]", has_text="لا أخبار تطابق البحث").wait_for()


def test_keyboard_opens_the_box_and_enter_the_best_result(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('[data-digest-search-input]')")
    page.keyboard.type("لافروف ترسيم", delay=40)
    assert results(page)[0] == A000  # the only article with both words
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/articles/{A000}/?h=*")  # the words as typed, for the marks
    page.locator("mark.digest-mark").first.wait_for()  # digest-highlight.js runs here too


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path, name", [("", "home"), (f"articles/{A002}/", "article"), ("topics/peace-treaty/", "topic")])
def test_screenshots_read_right_to_left_without_overflow(browser, site_url, width, path, name):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"zensical-{name}-{width}.png"), full_page=True)
    assert page.eval_on_selector("body", "e => e.dir") == "rtl"
    heading = "h1:not(.md-visually-hidden), .digest-lead-story h2"  # the home page's heading is for screen readers
    assert page.eval_on_selector(heading, "e => getComputedStyle(e).direction") == "rtl"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.eval_on_selector(heading, "e => e.getBoundingClientRect().width") > 50  # Arabic glyphs, no tofu
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_search_box_on_phone_and_desktop(browser, site_url, width):
    """On phones the header's search button opens the box; on wide screens it is in the header."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    box = page.locator("[data-digest-search-input]")
    if width < 960:
        assert not box.is_visible()
        page.locator("label[for=__search]").click()
    assert box.is_visible()
    type_query(page, "كاراباخ")
    assert QUERIES["كاراباخ"] <= set(results(page))
    box_right = page.eval_on_selector(".digest-search__output", "e => e.getBoundingClientRect().right")
    assert box_right <= width
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(SCREENSHOTS / f"zensical-search-{width}.png"))
    page.keyboard.press("Escape")
    assert not page.locator(".digest-search__output").is_visible()
    if width < 960:  # Escape, or a tap elsewhere, closes the box that covers the header
        assert not box.is_visible()
        page.locator("label[for=__search]").click()
        assert box.is_visible()
        page.locator(".digest-lead-story .digest-meta").click()
        assert not box.is_visible()
    context.close()
