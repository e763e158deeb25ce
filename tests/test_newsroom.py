"""Issue 13, first slice: Arabic everywhere in the frame of every page — our footer, an Arabic
404, one <title> on the home page, an "about" page with the editorial method."""

import pytest

from conftest import SCREENSHOTS


def test_the_footer_is_ours_in_arabic_on_every_page(built_site):
    for html in built_site.rglob("*.html"):
        if html.parent.name == "raw":
            continue  # the seeds as scraped: standalone pages without the theme (see below)
        text = html.read_text(encoding="utf-8")
        assert "Made with" not in text and "Material for MkDocs" not in text, html
        assert "digest-footer" in text, html


def test_home_has_one_title(built_site):
    assert "<title>موجز القوقاز</title>" in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
def test_footer_about_and_404_read_as_arabic(page, built_site, serve, width):
    base = serve(built_site)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base)
    footer = page.locator(".digest-footer")
    assert "موجز إخباري بالعربية" in footer.inner_text()
    footer.locator("a", has_text="عن الموجز").click()
    page.wait_for_url("**/about/")
    assert page.locator("h1").first.inner_text() == "عن موجز القوقاز"
    assert "منهج التحرير" in page.locator("article").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SCREENSHOTS / f"about-{width}.png"), full_page=True)
    response = page.goto(base + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "الصفحة غير موجودة"
    assert page.title() == "الصفحة غير موجودة - موجز القوقاز"
    assert "404" not in page.locator("article").inner_text() and "Not found" not in page.content()
    page.screenshot(path=str(SCREENSHOTS / f"404-{width}.png"), full_page=True)


# -- issue 13: the reading experience -----------------------------------------------------------

import re  # noqa: E402

from conftest import ROOT, SEEDS  # noqa: E402

A000, A001, A002, A003, A004 = (
    "71b24d93f0e166c3", "0795dd7ba1cf26a9", "5f9c524816c939ca", "e95859598815607c", "0ba9f4aca8c64938",
)
ARTICLES = [A000, A001, A002, A003, A004]
# One page of every kind the site has (path, name of its screenshot).
PAGE_KINDS = [
    ("", "home"), (f"articles/{A000}/", "article"), (f"articles/{A001}/", "article-inferred-date"),
    (f"articles/{A004}/", "article-undated"), ("topics/", "topics"), ("topics/peace-treaty/", "topic"),
    ("tags/", "tags"), ("tags/karabakh/", "entity"), ("tags/الغرب/", "keyword-tag"), ("sources/", "sources"),
    ("sources/rt/", "source"), ("archive/", "archive"), ("archive/2024/06/", "month"),
    ("archive/undated/", "undated"), ("timeline/", "key-dates"), ("about/", "about-page"),
    (f"raw/{A004}.html", "raw-seed"),
]


def all_pages(site):
    """Every HTML page of the built site, as paths relative to its root (404 included)."""
    return sorted(
        str(p.relative_to(site).parent) + "/" if p.name == "index.html" else str(p.relative_to(site))
        for p in site.rglob("*.html")
    )


def latin_words_of_the_input():
    """Latin words the seeds and the taxonomy themselves contain ("RT", "TRIPP"): a page may
    show them as the articles' own text; any other Latin word on a page is the interface's."""
    import yaml

    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in SEEDS.glob("*.txt"))
    taxonomy = yaml.safe_load((ROOT / "digest" / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    shown = ("label", "aliases", "names", "description", "patterns")  # not slugs, not comments
    for section in ("topics", "entities", "sources"):
        for entry in taxonomy[section]:
            text += " ".join(str(entry.get(k, "")) for k in shown)
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [390, 1280])
def test_article_reads_like_a_news_story(page, built_site, serve, width):
    base = serve(built_site)
    page.set_viewport_size({"width": width, "height": 900})
    for ident in ARTICLES:
        page.goto(base + f"articles/{ident}/")
        headline = page.locator(".md-content__inner h1")
        assert headline.count() == 1
        style = headline.evaluate(
            "e => { const s = getComputedStyle(e); return {weight: +s.fontWeight, size: parseFloat(s.fontSize),"
            " color: s.color, body: getComputedStyle(document.querySelector('.digest-body p')).color}; }"
        )
        assert style["weight"] >= 700, style
        assert style["size"] >= (24 if width == 390 else 30), style  # a headline, not a caption
        assert style["color"] == style["body"], style  # full colour, not a light grey
        # Nothing before the headline but the breadcrumb.
        before = headline.evaluate(
            "h => { const out = []; for (let e = h.previousElementSibling; e; e = e.previousElementSibling)"
            " if (e.offsetHeight > 0) out.push(e.tagName + '.' + e.className); return out; }"
        )
        assert before == ["NAV.digest-crumbs"], before
        assert page.locator(".digest-crumbs a").first.inner_text() == "الرئيسية"
        # One meta line: the date with its weekday (or "دون تاريخ"), the publisher linked, reading time.
        meta = page.locator(".digest-meta--article")
        assert re.search(r"^(الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد) \d{1,2} \S+ \d{4}|^دون تاريخ", meta.inner_text()), meta.inner_text()
        assert meta.locator(".digest-source a").count() >= 1
        assert "قراءة في" in meta.inner_text()
        date_box = meta.locator(".digest-when, .digest-date").first.bounding_box()
        assert date_box["height"] < 40  # one line: a date never breaks
        # The body, then the tags at the foot: most specific first, at most eight, thumb-sized.
        body = page.locator(".digest-body").bounding_box()
        tags = page.locator(".digest-tags")
        assert tags.bounding_box()["y"] > body["y"] + body["height"]
        assert tags.locator("h2").inner_text() == "وسوم"
        chips = tags.locator(".digest-chip:not(.digest-chip--topic)")
        assert 1 <= chips.count() <= 8
        assert all(box["height"] >= 40 for box in chips.evaluate_all("es => es.map(e => e.getBoundingClientRect())"))
        # Related stories as cards; no table of contents; the editorial note after everything.
        assert page.locator(".digest-related .digest-card").count() >= 1
        assert not page.locator(".md-sidebar--secondary .md-nav__link").first.is_visible() if page.locator(".md-sidebar--secondary .md-nav__link").count() else True
        assert page.locator(".digest-provenance").bounding_box()["y"] > tags.bounding_box()["y"]
        assert fits(page), ident


def test_inferred_and_missing_dates_say_so(page, built_site, serve):
    base = serve(built_site)
    page.goto(base + f"articles/{A001}/")
    marker = page.locator(".digest-meta--article .digest-inferred")
    assert marker.inner_text() == "تقديري"
    note = marker.get_attribute("title")
    assert note.startswith("تاريخ تقديري") and "5 يونيو" in note  # what it was inferred from
    page.goto(base + f"articles/{A004}/")
    assert page.locator(".digest-meta--article .digest-date").inner_text() == "دون تاريخ"
    page.goto(base + "archive/undated/")
    assert "غير معروف" not in page.locator("article.md-content__inner").inner_text()


def test_no_paragraph_is_shown_twice(page, built_site, serve):
    base = serve(built_site)
    for ident in ARTICLES:
        page.goto(base + f"articles/{ident}/")
        paragraphs = page.eval_on_selector_all(".digest-lead, .digest-body p", "es => es.map(e => e.innerText.trim())")
        assert len(paragraphs) == len(set(paragraphs)), ident
        if page.locator(".digest-lead").count():
            lead = paragraphs[0].rstrip(" …")
            assert not paragraphs[1].startswith(lead), ident  # a lead cut from the first paragraph


@pytest.mark.parametrize("width", [390, 1280])
def test_listings_are_cards_with_an_excerpt_and_an_unbroken_date(page, built_site, serve, width):
    base = serve(built_site)
    page.set_viewport_size({"width": width, "height": 900})
    for path in ["", "tags/karabakh/", "sources/rt/", "archive/2024/06/", "topics/border-delimitation/"]:
        page.goto(base + path)
        cards = page.locator(".md-content__inner .digest-card")
        assert cards.count() >= 1, path
        for i in range(cards.count()):
            card = cards.nth(i)
            assert card.locator("h3 a, h4 a").count() == 1
            date = card.locator(".digest-when, .digest-date").first
            assert date.bounding_box()["height"] < 40, (path, date.inner_text())
            assert card.locator(".digest-excerpt, .digest-evidence").count() >= 1, path
        assert fits(page), path


def test_topic_page_is_a_timeline_with_marked_evidence(page, built_site, serve):
    base = serve(built_site)
    page.goto(base + "topics/peace-treaty/")
    headings = page.eval_on_selector_all(".md-content__inner h2, .md-content__inner h3:not(.digest-card h3)", "es => es.map(e => e.innerText)")
    assert headings[:2] == ["2024", "أكتوبر 2024"], headings
    assert "2023" in headings and "سبتمبر 2023" in headings and headings[-1] == "دون تاريخ"
    marks = page.eval_on_selector_all(".digest-evidence mark", "es => es.map(e => e.innerText)")
    assert "اتفاق السلام" in marks and "معاهدة السلام" in marks


def test_home_leads_with_the_latest_story_then_topics_then_the_latest(page, built_site, serve):
    base = serve(built_site)
    page.goto(base)
    lead = page.locator(".digest-lead-story")
    assert lead.locator("h2 a").get_attribute("href") == f"articles/{A002}/"  # the newest
    assert lead.locator(".digest-excerpt").inner_text()
    blocks = page.locator(".digest-topic-block")
    assert blocks.count() == 3
    for i in range(3):
        assert 1 <= blocks.nth(i).locator(".digest-card").count() <= 3
    assert page.title() == "موجز القوقاز"
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.endswith("favicon.svg")


def test_entity_page_has_a_kind_chip_names_and_a_description(page, built_site, serve):
    base = serve(built_site)
    page.goto(base + "tags/karabakh/")
    assert page.locator("h1 .digest-kind").inner_text() == "منطقة"
    names = page.locator(".digest-names").inner_text()
    assert "ناغورني قره باغ" in names and len(names.split("،")) <= 3
    assert "الروسي" not in names
    assert len(page.locator(".digest-intro").inner_text()) > 60
    page.goto(base + "tags/russia/")
    assert page.locator("h1 .digest-kind").inner_text() == "دولة"
    page.goto(base + "tags/sergey-lavrov/")
    assert page.locator("h1 .digest-kind").inner_text() == "شخصية"


def test_tags_index_groups_chips_by_kind_and_keywords_read(page, built_site, serve):
    base = serve(built_site)
    page.goto(base + "tags/")
    groups = page.eval_on_selector_all(".md-content__inner h2", "es => es.map(e => e.innerText)")
    assert groups[:2] == ["دول", "مناطق"] and "شخصيات" in groups and "منظمات" in groups
    chip = page.locator(".digest-chip", has_text="الغرب")
    assert chip.get_attribute("href") == "../tags/الغرب/" or "%D8" in chip.get_attribute("href")
    chip.click()
    page.wait_for_url("**/tags/*/")
    assert "الغرب" in page.url or "%D8%A7%D9%84%D8%BA%D8%B1%D8%A8" in page.url  # readable, not a digest
    assert page.locator("h1").inner_text().startswith("الغرب")


def test_archive_months_link_to_their_neighbours_and_pages_have_breadcrumbs(page, built_site, serve):
    base = serve(built_site)
    page.goto(base + "archive/2024/06/")
    assert page.locator(".digest-months a[rel=next]").first.inner_text() == "الأحدث: أكتوبر 2024"
    assert page.locator(".digest-months a[rel=prev]").first.inner_text() == "الأقدم: سبتمبر 2023"
    page.locator(".digest-months a[rel=prev]").first.click()
    page.wait_for_url("**/archive/2023/09/")
    for path, trail in [("archive/2023/09/", ["الرئيسية", "الأرشيف"]), ("tags/karabakh/", ["الرئيسية", "الوسوم"]),
                        ("sources/rt/", ["الرئيسية", "المصادر"]), (f"articles/{A000}/", ["الرئيسية", "معاهدة السلام"])]:
        page.goto(base + path)
        assert page.eval_on_selector_all(".digest-crumbs a", "es => es.map(e => e.innerText)") == trail, path


def test_share_button_copies_the_link_without_web_share(browser, built_site, serve):
    base = serve(built_site)
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + f"articles/{A000}/?h=x")
    button = page.locator("button.digest-share")
    assert button.is_visible()  # shown by its script (hidden without one)
    if page.evaluate("!!navigator.share"):
        pytest.skip("this Chromium has the Web Share API: the system sheet would open")
    button.click()
    # The clipboard is written asynchronously, then the label says so (for 2.5 s): wait for it.
    page.wait_for_function("document.querySelector('button.digest-share').textContent === 'نُسخ رابط الخبر'", timeout=10000)
    assert page.evaluate("navigator.clipboard.readText()") == base + f"articles/{A000}/"
    context.close()


def test_no_english_on_any_page_and_nothing_overflows(page, built_site, serve):
    """Every page of the site, at 390 px: the visible text, placeholders and labels hold no
    Latin word that the seeds or the taxonomy do not (Material's strings are ours in Arabic),
    and nothing is wider than the phone."""
    base = serve(built_site)
    allowed = latin_words_of_the_input()
    page.set_viewport_size({"width": 390, "height": 900})
    found = {}
    for path in all_pages(built_site):
        page.goto(base + path)
        text = page.evaluate(
            "() => [document.body.innerText, ...Array.from(document.querySelectorAll('[placeholder],[aria-label],[title]'),"
            " e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')].join(' '))].join(' ')"
        )
        english = {w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in allowed}
        if english:
            found[path] = sorted(english)
        assert fits(page), path
    assert not found, found


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_every_page_kind(page, built_site, serve, width):
    """Screenshots for review (artifacts/screenshots/<kind>-<width>.png); each page loads
    without a script error and fits the width."""
    base = serve(built_site)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for path, name in PAGE_KINDS:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert fits(page), path
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_raw_seed_reads_right_to_left_and_leads_back(page, built_site, serve, width):
    """The seed as scraped: the article's note links to it; it is the seed's text verbatim,
    right to left (an Arabic line ends at the right edge, a Latin URL line takes its own
    direction), wrapped to the phone, and links back to the cleaned article."""
    base = serve(built_site)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + f"articles/{A004}/")
    page.locator(".digest-provenance a.digest-raw-link").click()
    page.wait_for_url(f"**/raw/{A004}.html")
    pre = page.locator("pre.raw-text")
    seed = (SEEDS / "004_0ba9f4aca8c64938.txt").read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert pre.inner_text().strip() == seed.strip()
    assert page.evaluate("getComputedStyle(document.querySelector('pre')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('pre')).unicodeBidi") == "plaintext"
    # Where the first Arabic line sits: its last glyph at the right edge of the block.
    right_gap = page.evaluate(
        """() => { const pre = document.querySelector('pre'); const text = pre.firstChild;
        const range = document.createRange(); range.setStart(text, 0); range.setEnd(text, text.data.indexOf('\\n'));
        return pre.getBoundingClientRect().right - range.getBoundingClientRect().right; }"""
    )
    assert 0 <= right_gap < 2, right_gap
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / f"raw-seed-read-{width}.png"))
    page.locator("header a", has_text="اقرأ الخبر منقّحًا").click()
    page.wait_for_url(f"**/articles/{A004}/")
