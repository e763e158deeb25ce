"""The one order of articles everywhere (listings, feeds, search ids, related)."""

from __future__ import annotations

from typing import Iterable

from .model import Article


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones; ties by id, so order never varies."""
    items = list(articles)
    dated = sorted((a for a in items if a.date), key=lambda a: (a.date, a.id), reverse=True)
    undated = sorted((a for a in items if not a.date), key=lambda a: a.id)
    return dated + undated
