"""From a search result to the article, in Chromium at 390 and 1280 px: the result's link
carries the words as typed (?h=معاهدة, not the index's folded "معاهده"), date and publisher
stand on their own line above the snippet (an undated article: the publisher alone), and the
opened article marks the searched words in every spelling the text uses
(docs/assets/javascripts/digest-highlight.js), as the search worker matched them."""

import json
import time
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from conftest import SCREENSHOTS
from digest.language.normalize import analyze
from test_browser import A000, A001, A002, A003, A004

WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def site_url(built_site, serve):
    return serve(built_site)


@pytest.fixture(scope="module")
def meta(built_site):
    return json.loads((built_site / "search/digest/meta.json").read_text(encoding="utf-8"))


def open_page(page_in, width):
    page = page_in(console_errors=True)
    page.set_viewport_size({"width": width, "height": 900})
    return page


def search(page, query):
    """Types the query letter by letter into Material's box (behind the header's button on
    phones) and returns the result links once the list has stopped changing."""
    box = page.locator("input[data-md-component=search-query]")
    if page.viewport_size["width"] < 960:  # Material folds the box below 60em
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    read = lambda: page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")  # noqa: E731
    last, stable_since, deadline = read(), time.monotonic(), time.monotonic() + 10
    while time.monotonic() < deadline and time.monotonic() - stable_since < 0.6:
        time.sleep(0.1)
        current = read()
        if current != last:
            last, stable_since = current, time.monotonic()
    return last


def article_id(href):
    return urlsplit(href).path.rstrip("/").split("/")[-1]


def marks(page):
    page.locator("mark.digest-mark").first.wait_for(timeout=10000)
    return page.eval_on_selector_all("mark.digest-mark", "els => els.map(e => e.textContent)")


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def same_word(a, b):
    return bool(set(a) & set(b))


def is_alias(text, aliases):
    """The text's words are, one by one, the words of one of the aliases (as the index has them)."""
    words = analyze(text)
    return any(len(a) == len(words) and all(same_word(x, y) for x, y in zip(a, words)) for a in aliases)


@pytest.mark.parametrize("width", WIDTHS)
def test_typed_word_goes_to_the_article_and_is_marked_there(page_in, site_url, width):
    page = open_page(page_in, width)
    page.goto(site_url)
    hrefs = search(page, "معاهدة")
    assert {article_id(h) for h in hrefs} == {A000, A001, A003, A004}
    for href in hrefs:  # the words as typed, not the index's folded spelling
        assert parse_qs(urlsplit(href).query)["h"] == ["معاهدة"]
        assert "معاهدة" in unquote(href) and "معاهده" not in unquote(href)
    # Date and publisher on a line of their own above the snippet; the undated article (004)
    # shows its publisher alone.
    items = page.locator(".md-search-result__item")
    for i in range(items.count()):
        line = items.nth(i).locator(".digest-search-meta").bounding_box()
        snippet = items.nth(i).locator(".digest-search-snippet").bounding_box()
        assert line["y"] + line["height"] <= snippet["y"] + 1
        assert "غير معروف" not in items.nth(i).inner_text()
    undated = page.locator(f".md-search-result__item:has(a[href*='{A004}']) .digest-search-meta")
    assert undated.inner_text().strip() == "نوفوستي، RT"
    assert page.eval_on_selector(".digest-search-meta", "e => getComputedStyle(e).display") == "block"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-results-{width}.png"))

    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url("**/articles/**")
    found = marks(page)
    assert found and all(any(f.startswith("معاهده") for w in analyze(t) for f in w) for t in found), found
    inside = page.eval_on_selector_all(
        "mark.digest-mark", "els => els.every(e => e.closest('.md-content h1, .digest-lead, .digest-body'))")
    assert inside
    assert no_overflow(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_name_marks_the_spellings_the_article_uses(page_in, site_url, meta, width):
    """Typed "قره باغ", the article that writes قره باج and ناجورني قره باج marks those,
    in its title too; never in the tag links (also named قره باغ)."""
    page = open_page(page_in, width)
    page.goto(site_url)
    assert A000 in {article_id(h) for h in search(page, "قره باغ")}
    page.locator(f".md-search-result__item > a[href*='{A000}']").click()
    page.wait_for_url(f"**/articles/{A000}/**")
    assert parse_qs(urlsplit(page.url).query)["h"] == ["قره باغ"]
    found = marks(page)
    assert {"قره باج", "ناجورني قره باج"} <= set(found), found
    aliases = next(e[2] for e in meta["entities"] if e[0] == "karabakh")
    assert all(is_alias(t, aliases) for t in found), found
    assert page.locator("h1 mark.digest-mark").count() >= 1
    assert page.locator(".md-tags mark, a mark.digest-mark, nav mark").count() == 0
    assert page.evaluate("window.scrollY") == 0  # the first mark, in the title, was in view
    assert no_overflow(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-highlight-{width}.png"), full_page=True)


def test_spelling_variants_are_marked(page, site_url):
    """سيرجي typed; 002 spells it سيرغي (a variant of meta.json)."""
    page.goto(site_url + f"articles/{A002}/?h=" + quote("سيرجي"))
    found = marks(page)
    assert found and all(analyze(t)[0][0] == "سيرغي" for t in found), found


def test_first_mark_out_of_view_is_scrolled_to(page_in, site_url):
    page = open_page(page_in, 390)
    page.goto(site_url + f"articles/{A003}/?h=" + quote("معاهدة"))
    marks(page)
    in_view = ("() => { const r = document.querySelector('mark.digest-mark').getBoundingClientRect();"
               " return r.top >= 0 && r.bottom <= innerHeight; }")
    page.wait_for_function(in_view, timeout=5000)
    assert page.evaluate("window.scrollY") > 0


def test_a_page_without_h_has_no_marks_and_loads_nothing(page, site_url):
    page.goto(site_url + f"articles/{A001}/")
    page.wait_for_load_state("networkidle")
    assert page.locator("mark.digest-mark").count() == 0
    # The page itself fetched neither (Material's search worker loads its own copies: they are
    # in the worker's timeline, not the page's).
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [u for u in fetched if u.endswith("normalize.js") or u.endswith("meta.json")], fetched
    assert page.locator("script[src$='normalize.js']").count() == 0
    page.goto(site_url + f"articles/{A001}/?h=")
    page.wait_for_load_state("networkidle")
    assert page.locator("mark.digest-mark").count() == 0


def test_h_is_text_never_markup(page, site_url):
    h = '<img src=x onerror="document.title=1"><b>معاهدة</b>'
    page.goto(site_url + f"articles/{A001}/?h=" + quote(h))
    assert marks(page) == ["معاهدة"]
    assert page.locator(".md-content img, .md-content b").count() == 0
    assert page.title() != "1"
