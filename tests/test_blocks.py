"""Lifting raw HTML blocks out of a page must not change the HTML Python-Markdown makes."""

from __future__ import annotations

import markdown
import pytest

from digest.site.blocks import lift, restore
from digest.site import build_site
from conftest import SEEDS

EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html"]


def to_html(text: str) -> str:
    # MkDocs strips front matter before Python-Markdown sees the page.
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 4) + 5 :]
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


@pytest.fixture(scope="module")
def pages():
    site = build_site(SEEDS)
    return {uri: site.text(uri) for uri in site.files if uri.endswith(".md")}


def test_every_generated_page_renders_the_same_with_its_blocks_lifted(pages):
    lifted_somewhere = 0
    for uri, text in pages.items():
        light, blocks = lift(text)
        lifted_somewhere += bool(blocks)
        assert restore(to_html(light), blocks) == to_html(text), uri
    # Articles, listings and the timeline carry raw HTML: most pages must have had some.
    assert lifted_somewhere >= len(pages) * 0.8


def test_an_article_page_keeps_only_headings_links_and_placeholders(pages):
    uri = next(u for u in pages if u.startswith("articles/"))
    light, blocks = lift(pages[uri])
    assert '<div class="digest-body">' in "".join(blocks)
    assert "digest-body" not in light
    assert light.startswith("---\n") and "\ntitle: " in light.split("\n---\n")[0]


def test_front_matter_and_inline_html_are_left_alone():
    text = "---\ntitle: x\n---\n\n<p>block</p>\n\ntext <span>inline</span>\n<div>not after a blank line</div>\n"
    light, blocks = lift(text)
    assert blocks == ("<p>block</p>",)
    assert light == "---\ntitle: x\n---\n\n<!--digest-block-0-->\n\ntext <span>inline</span>\n<div>not after a blank line</div>\n"


def test_a_block_runs_to_the_next_blank_line():
    light, blocks = lift("<ul>\n<li>a</li>\n</ul>\n\n<section>b</section>")
    assert blocks == ("<ul>\n<li>a</li>\n</ul>", "<section>b</section>")
    assert light == "<!--digest-block-0-->\n\n<!--digest-block-1-->"


def test_escaped_seed_text_cannot_forge_a_placeholder():
    from digest.language.escape import inline

    forged = inline("<!--digest-block-0-->")
    assert "<!--" not in forged
    assert restore(f"<p>{forged}</p><!--digest-block-0-->", ("X",)) == f"<p>{forged}</p>X"
