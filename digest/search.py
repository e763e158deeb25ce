"""The Arabic search index, built with :mod:`digest.normalize` (the browser's worker,
``docs/assets/javascripts/digest-search-worker.js``, analyses queries with the JS mirror).

Layout (JSON, compact):
    docs      [[url, title, date text, sources text, plain text], ...]
    terms     {form: [doc, weight, doc, weight, ...]}   every form of every token
    entities  [[label, [[alias token forms], ...], [doc, ...]], ...]

A word's weight is its count in the body plus TITLE_WEIGHT per occurrence in the title, so
an article *about* a word ranks above one that mentions it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .dates import Calendar
from .model import Article
from .normalize import analyze
from .render import newest_first
from .taxonomy import Taxonomy

TITLE_WEIGHT = 5
INDEX_VERSION = 1


def article_url(article: Article) -> str:
    return f"articles/{article.id}/"


def build_index(articles: list[Article], taxonomy: Taxonomy, calendar: Calendar) -> dict[str, Any]:
    ordered = newest_first(articles)
    docs: list[list[str]] = []
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    entity_docs: dict[str, list[int]] = defaultdict(list)
    for n, article in enumerate(ordered):
        date = calendar.display(article.date)
        text = "\n".join(([article.summary] if article.summary not in article.body else []) + article.body)
        docs.append([article_url(article), article.title, date, "، ".join(article.sources), text])
        weights: Counter[str] = Counter()
        for forms in analyze(article.title):
            for form in forms:
                weights[form] += TITLE_WEIGHT
        for forms in analyze(text + "\n" + " ".join(article.tags)):
            for form in forms:
                weights[form] += 1
        for form, weight in weights.items():
            postings[form][n] = weight
        for slug in article.entities:
            entity_docs[slug].append(n)
    terms = {form: [x for pair in sorted(p.items()) for x in pair] for form, p in sorted(postings.items())}
    entities = [
        [e.label, [[list(f) for f in analyze(alias)] for alias in e.aliases], entity_docs[e.slug]]
        for e in taxonomy.entities
        if entity_docs.get(e.slug)
    ]
    return {"version": INDEX_VERSION, "docs": docs, "terms": terms, "entities": entities}
