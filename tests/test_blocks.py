"""Keeping HTML blocks out of Python-Markdown, and rendering some only when the page is
written, must not change the HTML Python-Markdown makes from the whole page."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from digest.site.blocks import Deferred, plan, restore, text
from digest.site import build_site
from conftest import SEEDS

EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html"]


def to_html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


@pytest.fixture(scope="module")
def pages():
    site = build_site(SEEDS)
    return {uri: page for uri, page in site.files.items() if uri.endswith(".md")}


def test_every_generated_page_renders_the_same_from_its_skeleton(pages):
    deferred_somewhere = 0
    for uri, page in pages.items():
        skeleton, kept = plan(page.blocks)
        deferred_somewhere += any(isinstance(k, Deferred) for k in kept)
        assert restore(to_html(skeleton), kept) == to_html(page.body), uri
    # Articles and listings carry deferred HTML: most pages must have some.
    assert deferred_somewhere >= len(pages) * 0.8


def test_an_article_page_keeps_only_its_headline_and_placeholders(pages):
    uri = next(u for u in pages if u.startswith("articles/"))
    skeleton, kept = plan(pages[uri].blocks)
    assert "digest-body" not in skeleton and '<h1 class="digest-headline">' in skeleton
    assert isinstance(kept[-1], Deferred) and '<div class="digest-body">' in "".join(kept[-1].blocks())


def test_markdown_and_inline_html_stay_in_the_skeleton():
    blocks = (Markup("<p>block\nline</p>"), "## عنوان", Markup("<span>inline</span>"), Markup("<h1>t</h1>"))
    skeleton, kept = plan(blocks)
    assert kept == ("<p>block line</p>",)  # on one line: nothing inside can end the block
    assert skeleton == "<!--digest-block-0-->\n\n## عنوان\n\n<span>inline</span>\n\n<h1>t</h1>\n"
    assert text(blocks) == "<p>block line</p>\n\n## عنوان\n\n<span>inline</span>\n\n<h1>t</h1>\n"


def test_a_deferred_block_is_rendered_when_restored_and_not_before():
    calls = []

    def render():
        calls.append(1)
        return [Markup("<div>a</div>"), None, Markup("<p>b</p>")]

    skeleton, kept = plan((Markup("<h1>t</h1>"), Deferred(render)))
    assert calls == [] and skeleton == "<h1>t</h1>\n\n<!--digest-block-0-->\n"
    html = restore(to_html(skeleton), kept)
    assert calls == [1] and html == to_html("<h1>t</h1>\n\n<div>a</div>\n\n<p>b</p>\n")


def test_escaped_seed_text_cannot_forge_a_placeholder():
    from digest.language.escape import inline

    forged = inline("<!--digest-block-0-->")
    assert "<!--" not in forged
    assert restore(f"<p>{forged}</p><!--digest-block-0-->", ("X",)) == f"<p>{forged}</p>X"
