"""The built site in a real browser: Arabic search as readers type, tags, topics, layout."""

import time
from urllib.parse import urlsplit

import pytest

from conftest import SCREENSHOTS

A000, A001, A002, A003, A004 = (
    "71b24d93f0e166c3", "0795dd7ba1cf26a9", "5f9c524816c939ca", "e95859598815607c", "0ba9f4aca8c64938",
)
ALL = {A000, A001, A002, A003, A004}

# query → the articles it must find. The first result must be one of them.
QUERIES = {
    "بوتين": {A003, A004},  # 001 names Putin only in the removed "read also" story
    "لافروف": {A000, A002, A003},
    "ترسيم": {A000, A001},
    "أذربيجان": ALL,
    "اذربيجان": ALL,
    "كاراباخ": {A000, A001, A003, A004},  # spelled قره باج, قره باغ, كاراباخ
    "قره باغ": {A000, A001, A003, A004},
    "حفظ السلام": {A001, A003},
    "معاهده السلام": {A000, A001, A004},
    "سيرجي": {A000, A002, A003},  # 002 and 003 spell it سيرغي
}


@pytest.fixture(scope="module")
def site_url(built_site, serve):
    return serve(built_site)


def type_query(page, query):
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=40)  # letter by letter, no trailing space


def results(page, expect_some=True, settle=0.6, timeout=10.0):
    """Article ids of the result list, in order, once it has stopped changing for ``settle``
    seconds (each keystroke's answer replaces the previous one, some after fetching a shard)."""
    if expect_some:
        page.locator(".md-search-result__item").first.wait_for(timeout=timeout * 1000)
    read = lambda: page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")  # noqa: E731
    deadline, last, stable_since = time.monotonic() + timeout, read(), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - stable_since < settle:
        time.sleep(0.1)
        current = read()
        if current != last:
            last, stable_since = current, time.monotonic()
    return [urlsplit(h).path.rstrip("/").split("/")[-1] for h in last]


def assert_finds(query, found):
    """The articles the query must find are among the results, and the first is one of them."""
    assert QUERIES[query] <= set(found), found
    assert found[0] in QUERIES[query]


@pytest.mark.parametrize("query", list(QUERIES))
def test_typed_query_finds_the_articles(page, site_url, query):
    page.goto(site_url)
    type_query(page, query)
    assert_finds(query, results(page))


def test_results_show_title_and_highlighted_snippet_right_to_left(page, site_url):
    page.goto(site_url)
    type_query(page, "ترسيم")
    results(page)
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1, h2").inner_text()
    assert first.locator("mark").count() >= 1
    assert "ترسيم" in first.locator("mark").first.inner_text()
    direction = page.eval_on_selector(".md-search-result", "e => getComputedStyle(e).direction")
    assert direction == "rtl"


def test_a_word_gives_results_while_it_is_typed(page, site_url):
    page.goto(site_url)
    type_query(page, "لافر")  # not a whole word yet, no space
    assert {A000, A002, A003} <= set(results(page))


def test_articles_holding_all_words_rank_first(page, site_url):
    page.goto(site_url)
    type_query(page, "لافروف ترسيم")
    assert results(page)[0] == A000  # the only article with both


def test_keyboard_enter_opens_the_best_result(page, site_url):
    page.goto(site_url)
    type_query(page, "ترسيم")
    results(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/**")
    assert page.url.split("/articles/")[1].split("/")[0] in {A000, A001}


def test_clicking_a_tag_lists_its_articles(page, site_url):
    page.goto(site_url + f"articles/{A004}/")
    page.locator(".digest-tags a", has_text="إلهام علييف").click()
    page.wait_for_url("**/tags/ilham-aliyev/")
    assert "إلهام علييف" in page.locator("h1").inner_text()
    listed = page.eval_on_selector_all(".digest-card h3 a", "els => els.map(a => a.href)")
    assert {A002, A003, A004} <= {urlsplit(h).path.rstrip("/").split("/")[-1] for h in listed}


def test_tags_index_links_each_tag_to_its_page(page, site_url):
    page.goto(site_url + "tags/")
    chips = page.locator(".md-content__inner .digest-chip")
    chips.first.wait_for()
    hrefs = chips.evaluate_all("es => es.map(e => e.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)) > 20  # one chip per tag, each its own page
    assert all(h.startswith("../tags/") for h in hrefs)


def test_topic_page_opens_articles_newest_first(page, site_url):
    page.goto(site_url + "topics/peace-treaty/")
    titles = page.locator("article h3 a")
    assert titles.count() == 4
    assert A002 in titles.first.get_attribute("href")
    titles.first.click()
    page.wait_for_url(f"**/articles/{A002}/")
    assert "الغرب يهدد الأمن" in page.locator("h1").inner_text()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path, name", [("", "home"), (f"articles/{A002}/", "article")])
def test_screenshots_read_right_to_left_without_overflow(browser, site_url, width, path, name):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    assert page.eval_on_selector("html", "e => e.dir") == "rtl"
    assert page.eval_on_selector("h1", "e => getComputedStyle(e).direction") == "rtl"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    # Arabic glyphs render from a local font (no tofu): the heading's text has real width.
    assert page.eval_on_selector("h1", "e => e.getBoundingClientRect().width") > 50
    context.close()
