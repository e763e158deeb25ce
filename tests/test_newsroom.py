"""Issue 13, first slice: Arabic everywhere in the frame of every page — our footer, an Arabic
404, one <title> on the home page, an "about" page with the editorial method."""

import pytest

from conftest import SCREENSHOTS


def test_the_footer_is_ours_in_arabic_on_every_page(built_site):
    for html in built_site.rglob("*.html"):
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
