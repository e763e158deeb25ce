"""The seed as it was scraped, readable right to left.

A plain ``.txt`` is shown by browsers left to right, in whatever encoding they guess: an
Arabic seed became a ragged block flush left. This is a small standalone HTML file per seed
(not a themed MkDocs page: it costs a file copy, not a page render): the text verbatim in a
``<pre>`` whose every line takes its own direction (``unicode-bidi: plaintext``: an Arabic
line runs right to left, a URL line left to right), a link back to the cleaned article, and
``noindex`` with a canonical link to the article (it is the same story, unedited). The seed
text is escaped by :func:`digest.site.html.el` like every other string.
"""

from __future__ import annotations

from ..model import Article
from . import labels, urls
from .html import Markup, el, join

STYLESHEET = "assets/stylesheets/digest-raw.css"
FAVICON = "assets/images/favicon.svg"


def raw_page(article: Article, canonical: str | None = None) -> str:
    """The HTML file of ``article``'s seed; ``canonical`` is the article's absolute URL
    (without a ``site_url``, its relative one)."""
    uri = urls.raw_uri(article)
    up = urls.root_of(uri)
    back = urls.href(uri, urls.article_uri(article))
    head = join([
        Markup('<meta charset="utf-8">'),
        Markup('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        Markup('<meta name="robots" content="noindex">'),
        el("title", f"النص الأصلي: {labels.headline(article)} - {labels.SITE_NAME}"),
        Markup('<link rel="canonical" href="{}">').format(canonical or back),
        Markup('<link rel="icon" href="{}">').format(up + FAVICON),
        Markup('<link rel="stylesheet" href="{}">').format(up + STYLESHEET),
    ])
    header = el(
        "header",
        el("a", labels.SITE_NAME, href=up, class_="raw-site"),
        el("h1", labels.headline(article)),
        el("p", "النص الأصلي كما جُمع من صفحة المصدر، قبل التنقيح: عناصر الموقع فيه كما هي. ",
           el("a", "اقرأ الخبر منقّحًا", href=back)),
    )
    main = el("main", el("pre", article.raw, class_="raw-text", lang="ar"))
    page = el("html", el("head", head), el("body", header, main), lang="ar", dir="rtl")
    return str(Markup("<!doctype html>\n") + page) + "\n"
