"""Key dates: the dated events that articles mention, each with the articles that mention it
and the sentence that does.

Only complete dates (day, month, year) written in an article's body count; a date that is
the article's own publication date is the article's, not an event it cites. A date is *key*
when at least ``MIN_CITATIONS`` articles cite it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Article

MIN_CITATIONS = 2


@dataclass(frozen=True)
class Citation:
    article: Article
    sentence: str


def key_dates(ordered: list[Article]) -> dict[str, list[Citation]]:
    """ISO date → citations (newest article first), for key dates only, in date order;
    ``ordered`` is the site's newest-first order."""
    cited: dict[str, dict[str, Citation]] = defaultdict(dict)
    for article in ordered:
        for item in article.cited_dates:  # found by the pipeline (digest.parse.assembly.Pipeline.cited_dates)
            if item["date"] != article.date:  # an override may have set the date since
                cited[item["date"]].setdefault(article.id, Citation(article, item["sentence"]))
    return {
        iso: list(by_article.values())
        for iso, by_article in sorted(cited.items())
        if len(by_article) >= MIN_CITATIONS
    }
