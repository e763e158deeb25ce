"""Issue 15 in a real browser: the search panel's filters (topic, publisher, year) narrow the
results while the reader types, right to left, at 390 and 1280 px; a story's page sets its
versions side by side on a wide screen and one under another on a phone; from a topic's
listing a reader reaches the story and each version. The site: the five seeds and the
crafted stories of tests/fixtures/stories."""

from __future__ import annotations

import pytest

from conftest import ROOT, SCREENSHOTS, SEEDS

STORIES = ROOT / "tests" / "fixtures" / "stories"
STORY = "2024-05-13-rt"


@pytest.fixture(scope="module")
def site_url(build_tree, serve):
    seeds = {p.name: p.read_bytes() for p in [*SEEDS.glob("*.txt"), *STORIES.glob("*.txt")]}
    code, log, site = build_tree(seeds)
    assert code == 0, log[-3000:]
    return serve(site)


def opened(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, errors


def result_meta(page) -> list[str]:
    """Each result's date and publisher line, once the list has settled."""
    page.wait_for_timeout(700)
    return page.eval_on_selector_all(".md-search-result__item .digest-search-meta", "els => els.map(e => e.textContent)")


def chip(page, group: str, label: str):
    return page.locator(f".digest-filter[data-group={group}]", has_text=label).first


def no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


@pytest.mark.parametrize("width", [390, 1280])
def test_filters_narrow_the_results_while_typing(browser, site_url, width):
    context, page, errors = opened(browser, site_url, width)
    if width < 700:
        page.click("label[for=__search]")  # the phone's search button
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially("أرمين", delay=40)  # a word still being typed
    page.locator(".digest-filter").first.wait_for(timeout=10000)
    everything = result_meta(page)
    assert len(everything) >= 5 and not all("تاس" in m for m in everything)
    filters = page.locator(".digest-filters")
    assert filters.evaluate("e => getComputedStyle(e).direction") == "rtl"
    names = page.eval_on_selector_all(".digest-filters__name", "els => els.map(e => e.textContent)")
    assert names == ["الموضوع", "المصدر", "السنة"]
    # A publisher: only its articles remain, and its chip is pressed.
    chip(page, "source", "تاس").click()
    page.wait_for_function("document.querySelector('.digest-filter[aria-pressed=true]') !== null")
    narrowed = result_meta(page)
    assert narrowed and all("تاس" in m for m in narrowed) and len(narrowed) < len(everything)
    # Typing on keeps the filter: the next words are searched among that publisher's articles.
    box.focus()
    page.keyboard.press("End")
    box.press_sequentially("يا السلام", delay=40)
    narrowed = result_meta(page)
    assert narrowed and all("تاس" in m for m in narrowed)
    assert chip(page, "source", "تاس").get_attribute("aria-pressed") == "true"
    # A year on top of it, then both undone.
    chip(page, "year", "2024").click()
    page.wait_for_timeout(300)
    assert all("2024" in m and "تاس" in m for m in result_meta(page))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-filters-{width}.png"))
    assert no_overflow(page)
    chip(page, "source", "تاس").click()
    page.wait_for_timeout(300)
    chip(page, "year", "2024").click()
    assert len(result_meta(page)) == len(page.eval_on_selector_all(".md-search-result__item", "e => e"))
    assert page.locator(".digest-filter[aria-pressed=true]").count() == 0
    # An emptied box drops the chips (and the filters with them).
    box.fill("")
    box.press("Backspace")
    page.wait_for_timeout(500)
    assert not page.locator(".digest-filters").is_visible()
    assert not errors, errors
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_story_page_sets_versions_side_by_side_on_a_wide_screen(browser, site_url, width):
    context, page, errors = opened(browser, site_url + f"stories/{STORY}/", width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"story-{width}.png"), full_page=True)
    tops = page.eval_on_selector_all(".digest-version", "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    assert len(tops) == 3
    assert (tops[0] == tops[1]) == (width >= 1280)  # side by side, or one under another
    assert page.eval_on_selector("h1", "e => getComputedStyle(e).direction") == "rtl"
    assert no_overflow(page)
    assert not errors, errors
    context.close()


def test_from_a_topic_a_reader_reaches_the_story_and_every_version(browser, site_url):
    context, page, errors = opened(browser, site_url + "topics/peace-treaty/", 1280)
    also = page.locator(".digest-also").first
    assert "ومصدران آخران" in also.inner_text() and "تاس" in also.inner_text()
    also.locator(".digest-also__all").click()
    page.wait_for_url(f"**/stories/{STORY}/")
    versions = page.locator(".digest-version h2 a")
    assert versions.count() == 3
    for n in range(3):
        page.goto(site_url + f"stories/{STORY}/")
        page.locator(".digest-version h2 a").nth(n).click()
        page.wait_for_url("**/articles/**")
        assert page.locator(".digest-story-box").count() == 1
        page.locator(".digest-story-box a", has_text="قارن الروايات").click()
        page.wait_for_url(f"**/stories/{STORY}/")
    assert not errors, errors
    context.close()


CONTRAST = """e => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const fg = lum(getComputedStyle(e).color);
  const bg = lum(getComputedStyle(document.querySelector('.md-main')).backgroundColor === 'rgba(0, 0, 0, 0)'
    ? getComputedStyle(document.body).backgroundColor : getComputedStyle(document.querySelector('.md-main')).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_muted_lines_are_readable_in_both_schemes(browser, site_url, scheme):
    # The cards' date and publisher lines and a story's outlets are muted, not faint: in the
    # dark scheme they once kept the light scheme's grey (a colour variable resolved on :root).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "topics/peace-treaty/")
    page.wait_for_load_state("networkidle")
    for selector in (".digest-card .digest-meta", ".digest-also"):
        assert page.eval_on_selector(selector, CONTRAST) >= 3, (scheme, selector)
    context.close()
