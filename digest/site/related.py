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
from dataclasses import dataclass, field
from typing import Iterable

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


@dataclass
class RelatedMemo:
    """The last result of one process (digest/site/session.py): the order it was computed
    for (ids), each article's features, and each article's related ids."""

    ids: list[str] = field(default_factory=list)
    features: list[list[tuple[str, float]]] = field(default_factory=list)
    related: dict[str, list[str]] = field(default_factory=dict)


def related_articles(ordered: list[Article], memo: RelatedMemo | None = None) -> dict[str, list[Article]]:
    """Article id → its related articles; ``ordered`` is the site's newest-first order.

    With a ``memo`` of the last call and the same order, only the articles that share a
    feature with an article whose features changed are scored again: any other article's
    postings (positions and members) and weights are those of the last call, hence its
    result. Another order (an article added, removed or redated) scores them all."""
    features = [_features(a) for a in ordered]
    ids = [a.id for a in ordered]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, feats in enumerate(features):
        for feature, _ in feats:
            postings[feature].append(i)  # ascending positions
    total = len(ordered)
    idf = {f: math.log(1 + total / len(p)) for f, p in postings.items()}
    todo: Iterable[int] = range(total)
    if memo is not None and memo.ids == ids:
        moved = [i for i, feats in enumerate(features) if feats != memo.features[i]]
        changed = {f for i in moved for f, _ in features[i] + memo.features[i]}
        todo = sorted({i for f in changed for i in postings.get(f, ())}.union(moved))
        result_ids = dict(memo.related)
    else:
        result_ids = {}
    for i in todo:
        scores: dict[int, float] = defaultdict(float)
        for feature, weight in features[i]:
            plist = postings[feature]
            if len(plist) > MAX_POSTINGS:
                # The nearest articles in time around this one.
                at = bisect_left(plist, i)
                lo = max(0, min(at - MAX_POSTINGS // 2, len(plist) - MAX_POSTINGS))
                plist = plist[lo : lo + MAX_POSTINGS]
            for j in plist:
                if j != i:
                    scores[j] += weight * idf[feature]
        result_ids[ids[i]] = [ids[j] for j in _best(scores, i, ordered)]
    if memo is not None:
        memo.ids, memo.features, memo.related = ids, features, result_ids
    del features, postings
    by_id = dict(zip(ids, ordered))
    return {i: [by_id[j] for j in result_ids[i]] for i in ids}
