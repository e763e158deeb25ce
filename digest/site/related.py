"""Related articles: for each article, up to three others sharing the most topics and
entities, rarer ones counting more (a shared باشينيان says more than a shared روسيا).

Scored through an inverted index, so the cost grows with the number of articles that share
a feature, not with the square of the digest; a feature carried by more than
``MAX_POSTINGS`` articles only contributes its nearest ``MAX_POSTINGS`` (by position in the
newest-first order), which keeps the work per article bounded.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import defaultdict

from ..model import Article

MAX_RELATED = 3
MAX_POSTINGS = 60
TOPIC_WEIGHT = 2.0


def _features(article: Article) -> list[tuple[str, float]]:
    return [(f"t:{t}", TOPIC_WEIGHT) for t in article.topics] + [(f"e:{e}", 1.0) for e in article.entities]


def _best(scores: dict[int, float], i: int, ordered: list[Article]) -> list[int]:
    """The MAX_RELATED best candidates; ties broken by nearness in time, then id. The top
    scores are found with a C-level key; only candidates at or above the cut-off are sorted."""
    if not scores:
        return []
    top = heapq.nlargest(MAX_RELATED, scores.values())
    cutoff = top[-1] - 1e-9
    tied = [j for j, score in scores.items() if score >= cutoff]
    tied.sort(key=lambda j: (-round(scores[j], 9), abs(j - i), ordered[j].id))
    return tied[:MAX_RELATED]


def related_articles(ordered: list[Article]) -> dict[str, list[Article]]:
    """Article id → its related articles; ``ordered`` is the site's newest-first order."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(ordered):
        for feature, _ in _features(article):
            postings[feature].append(i)  # ascending positions
    total = len(ordered)
    idf = {f: math.log(1 + total / len(p)) for f, p in postings.items()}
    result: dict[str, list[Article]] = {}
    for i, article in enumerate(ordered):
        scores: dict[int, float] = defaultdict(float)
        for feature, weight in _features(article):
            plist = postings[feature]
            if len(plist) > MAX_POSTINGS:
                # The nearest articles in time around this one.
                at = bisect_left(plist, i)
                lo = max(0, min(at - MAX_POSTINGS // 2, len(plist) - MAX_POSTINGS))
                plist = plist[lo : lo + MAX_POSTINGS]
            for j in plist:
                if j != i:
                    scores[j] += weight * idf[feature]
        result[article.id] = [ordered[j] for j in _best(scores, i, ordered)]
    return result
