"""A seed full of payloads is built and opened: nothing runs, structure is unchanged, and
the text is shown exactly as written."""

from html.parser import HTMLParser

import pytest

from conftest import SEEDS

PAYLOAD = """<script>window.__pwned=1</script> عنوان: "خبيث" ' # & | {{ config }} {% raw %}
---
<img src=x onerror="window.__pwned=2"> صورة وأرمينيا.
<iframe src="javascript:window.__pwned=3"></iframe> إطار.
[انقر هنا](javascript:window.__pwned=4) رابط.
# عنوان فرعي مزيف.
- عنصر قائمة.
| a | b |
|---|---|
```python
print("x")
```
&lt;b&gt;كيان&lt;/b&gt; &amp; &#60;script&#62; نص.
{{ 7*7 }} و {% if true %}نعم{% endif %} قالب.
<a href="javascript:window.__pwned=8">رابط ثان</a> و<style>body{display:none}</style> نهاية.
#<svg onload=window.__pwned=5>
كلمات دلالية: <script>window.__pwned=6</script>، أرمينيا
المصدر: <b onmouseover=window.__pwned=7>وكالة</b>
"""

VISIBLE = [
    '<script>window.__pwned=1</script> عنوان: "خبيث" \' # & | {{ config }} {% raw %}',
    '<img src=x onerror="window.__pwned=2"> صورة وأرمينيا.',
    "[انقر هنا](javascript:window.__pwned=4) رابط.",
    "# عنوان فرعي مزيف.",
    "&lt;b&gt;كيان&lt;/b&gt; &amp; &#60;script&#62; نص.",
    "{{ 7*7 }} و {% if true %}نعم{% endif %} قالب.",
]


@pytest.fixture(scope="module")
def payload_site(build_tree):
    code, log, site = build_tree({
        "000_badbadbadbadbad0.txt": PAYLOAD.encode(),
        "001_0795dd7ba1cf26a9.txt": (SEEDS / "001_0795dd7ba1cf26a9.txt").read_bytes(),
    })
    assert code == 0, log[-2000:]
    return site


class Elements(HTMLParser):
    """Every element of a page with its attributes: what a browser would build."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.elements


def test_payload_article_html_has_no_active_markup(payload_site):
    html = (payload_site / "articles/badbadbadbadbad0/index.html").read_text(encoding="utf-8")
    content = html[html.index('<article class="md-content__inner'):html.rindex("</article>")]
    # Our breadcrumbs are the page's one ordered list; the seed's lines make none.
    crumbs = content[content.index('<nav class="digest-crumbs"'):]
    content = content.replace(crumbs[: crumbs.index("</nav>") + 6], "")
    tags = [tag for tag, _ in elements(content)]
    for forbidden in ["script", "img", "iframe", "svg", "style", "table", "pre", "code", "hr", "b", "ol"]:
        assert forbidden not in tags, forbidden
    body = content[content.index('<div class="digest-body">'):]
    body = body[: body.index("</div>") + 6]
    assert {tag for tag, _ in elements(body)} == {"div", "p"}  # the seed's lines, paragraphs only
    assert tags.count("h1") == 1  # ours; the seed's "# ..." stays text
    for tag, attrs in elements(html):
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert "49" not in content  # {{ 7*7 }} was not evaluated


def test_every_page_of_the_payload_site_is_free_of_injected_markup(payload_site):
    for page in payload_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html, page
        assert "<img src=x" not in html and "<iframe src" not in html and "<svg onload" not in html, page
        assert "<b onmouseover" not in html, page


def test_front_matter_structure_survives_the_title(build_tree, tmp_path):
    from digest.parse.assembly import Pipeline
    from digest.site.pages import SiteRenderer
    from digest.language.dates import calendar
    import yaml

    pipeline = Pipeline()
    article = pipeline.article("x.txt", 'عنوان: "مقتبس" \' # & | ---\n---\ntitle: hacked\nنص الخبر.'.encode())
    page = SiteRenderer.of([article], pipeline.taxonomy, calendar()).article_page(article).text()
    _, front, body = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert set(meta) == {"title", "description", "date", "date_inferred", "sources", "topics", "hide", "search", "kind", "jsonld"}
    assert meta["title"] == 'عنوان: &quot;مقتبس&quot; &#x27; # &amp; | ---'


def test_payload_page_in_a_browser_runs_nothing_and_shows_the_text(browser, serve, payload_site):
    url = serve(payload_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # A payload that ran would set the flag; the init script proves the flag is observable.
    page.add_init_script("window.__probe = 'ready'")
    for path in ["articles/badbadbadbadbad0/", "", "tags/", "archive/"]:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__probe") == "ready"
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(url + "articles/badbadbadbadbad0/")
    text = page.locator("article.md-content__inner").inner_text()
    for line in VISIBLE:
        assert line in text, line
    assert page.locator("article.md-content__inner").is_visible()  # the <style> payload hid nothing
    # Search results render seed text too: through the worker, escaped.
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially("خبيث", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    assert "<script>" in page.locator(".md-search-result__item").first.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not dialogs
    context.close()
