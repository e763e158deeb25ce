"""A generated page's blocks, and the HTML blocks kept out of Python-Markdown.

A page body (digest/site/pages.py) is a run of blocks: Markdown (headings of constant words
and numbers), raw HTML blocks that are final already (seed text escaped, URLs computed), and
:class:`Deferred` blocks, HTML that is rendered only when the page is written.

Python-Markdown passes a raw HTML block through unchanged, but only after running it
through two HTML parsers (its own block extractor and MkDocs' anchor collector); on a
listing page that is most of the build time. :func:`plan` gives MkDocs a *skeleton*: the
page with each such block replaced by a placeholder comment that Python-Markdown passes
through cheaply; :func:`restore` puts the blocks into the HTML as the page is written. The
result is the HTML Python-Markdown would have produced from the whole page
(tests/test_blocks.py checks this on every page of the real seeds). The placeholder cannot
come from seed text: seed text never reaches a page with a raw ``<``
(digest/language/escape.py).

Why :class:`Deferred`: MkDocs keeps every page it builds until the build ends. The long
parts of our pages (an article's text, a listing's cards) are rendered from records the
digest holds anyway, so they are not held as HTML too: they are rendered when their page is
written and let go with it.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Union

from markupsafe import Markup

# Raw HTML blocks that are kept out of Python-Markdown: those opening with one of these
# tags, which Python-Markdown treats as block-level (so it would pass them through whole). A
# page's <h1> stays in (one short line): the theme looks for it in the page's content to
# know that the page has its own title.
_BLOCK_START = re.compile(r"<(?:p|div|ul|ol|section|article|aside|details|blockquote|table|nav|h[2-6])[\s>]")
_PLACEHOLDER = "<!--digest-block-{}-->"
_PLACEHOLDER_RE = re.compile(r"<!--digest-block-(\d+)-->")


class Deferred:
    """HTML blocks rendered when the page is written: ``render()`` returns one block or an
    iterable of blocks (``None`` skipped), each a block-level element.

    ``key()``, when given, names everything the blocks are made of (article versions, URLs,
    labels): equal keys, equal HTML. An incremental build compares keys, so that a page is
    rendered only when it is written (digest/site/incremental.py)."""

    __slots__ = ("render", "key")

    def __init__(self, render: Callable[[], Markup | Iterable[Markup | None] | None],
                 key: Callable[[], str] | None = None) -> None:
        self.render = render
        self.key = key

    def blocks(self) -> list[Markup]:
        rendered = self.render()
        if rendered is None or isinstance(rendered, str):
            rendered = [rendered]
        return [one_line(b) for b in rendered if b]  # type: ignore[misc]


Block = Union[str, Markup, Deferred]


class LazyText:
    """The text of a generated file that is not a page (a raw seed, a chunk of the search
    index's documents), made when the file is written; ``key()`` as :class:`Deferred`'s."""

    __slots__ = ("render", "key")

    def __init__(self, render: Callable[[], str], key: Callable[[], str] | None = None) -> None:
        self.render = render
        self.key = key

    def __call__(self) -> str:
        return self.render()


def one_line(block: str) -> str:
    """An HTML block on one line, so that no text inside it can end the block and be read
    as Markdown; Markdown blocks as they are."""
    return block.replace("\n", " ") if isinstance(block, Markup) else block


def text(blocks: Iterable[Block]) -> str:
    """The page body as one Markdown text (every block rendered), blocks separated by blank
    lines."""
    flat: list[str] = []
    for block in blocks:
        flat += block.blocks() if isinstance(block, Deferred) else [one_line(block)]
    return "\n\n".join(flat) + "\n"


def plan(blocks: Iterable[Block]) -> tuple[str, tuple[str | Deferred, ...]]:
    """The skeleton MkDocs renders (Markdown, and a placeholder for each HTML block kept out
    of it), and the kept blocks in order (deferred ones not yet rendered)."""
    parts: list[str] = []
    kept: list[str | Deferred] = []
    for block in blocks:
        if isinstance(block, Deferred) or (isinstance(block, Markup) and _BLOCK_START.match(block)):
            parts.append(_PLACEHOLDER.format(len(kept)))
            kept.append(block if isinstance(block, Deferred) else one_line(block))
        else:
            parts.append(one_line(block))
    return "\n\n".join(parts) + "\n", tuple(kept)


def rendered(kept: tuple[str | Deferred, ...]) -> tuple[str, ...]:
    """The kept blocks as HTML (a deferred one's blocks separated by a blank line, as
    Python-Markdown writes consecutive raw blocks)."""
    return tuple("\n\n".join(k.blocks()) if isinstance(k, Deferred) else k for k in kept)


def identity(kept: tuple[str | Deferred, ...]) -> tuple[str, ...]:
    """What the kept blocks are made of, for a fingerprint: an HTML block itself, a deferred
    block its key (rendered only when it has none)."""
    return tuple(
        ("\0key:" + k.key() if k.key is not None else "\n\n".join(k.blocks())) if isinstance(k, Deferred) else k
        for k in kept
    )


def restore(html: str, kept: tuple[str | Deferred, ...]) -> str:
    """Put the kept blocks into the HTML rendered from the skeleton."""
    if not kept:
        return html
    html_blocks = rendered(kept)
    return _PLACEHOLDER_RE.sub(lambda m: html_blocks[int(m.group(1))], html)
