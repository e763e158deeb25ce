"""Raw HTML blocks of a generated page, lifted out of its Markdown and put back afterwards.

Our pages carry their lists, article bodies and provenance as raw HTML blocks that are final
already: seed text escaped, URLs computed (digest/site/pages.py). Python-Markdown passes such a
block through unchanged, but only after running it through two HTML parsers (its own block
extractor and MkDocs' anchor collector); on a listing page that is most of the build time.

:func:`lift` replaces each block by a placeholder comment that Python-Markdown passes through
cheaply, and :func:`restore` swaps the blocks back into the HTML it returns. The result is
the HTML Python-Markdown would have produced from the whole page (tests/test_blocks.py checks
this on every page of the real seeds). The placeholder cannot come from seed text: seed text
never reaches the page with a raw ``<`` (digest/language/escape.py).
"""

from __future__ import annotations

import re

# Lines opening a raw HTML block in our pages. Only these tags are lifted: Python-Markdown
# treats them as block-level, so a block starting with one is passed through whole. A page's
# <h1> stays (one short line): the theme looks for it in the page's content to know that the
# page has its own title, and the blocks are put back only when the page is written.
_BLOCK_START = re.compile(r"<(?:p|div|ul|ol|section|article|aside|details|blockquote|table|nav|h[2-6])[\s>]")
_PLACEHOLDER = "<!--digest-block-{}-->"
_PLACEHOLDER_RE = re.compile(r"<!--digest-block-(\d+)-->")


def lift(markdown: str) -> tuple[str, tuple[str, ...]]:
    """The page with each raw HTML block (a run of lines that starts with a block-level tag
    after a blank line and ends at the next blank line) replaced by a placeholder, and the
    blocks in order. (YAML front matter, having no blank line, passes through untouched.)"""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _BLOCK_START.match(line) and (not out or out[-1] == ""):
            end = i
            while end < len(lines) and lines[end] != "":
                end += 1
            out.append(_PLACEHOLDER.format(len(blocks)))
            blocks.append("\n".join(lines[i:end]))
            i = end
        else:
            out.append(line)
            i += 1
    return "\n".join(out), tuple(blocks)


def restore(html: str, blocks: tuple[str, ...]) -> str:
    """Put the lifted blocks back into the HTML rendered from the lifted page."""
    if not blocks:
        return html
    return _PLACEHOLDER_RE.sub(lambda m: blocks[int(m.group(1))], html)
