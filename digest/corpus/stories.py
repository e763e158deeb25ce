"""Near-duplicate articles: one wire story republished by several outlets, each with its own
headline, boilerplate and small edits (issue 15, first step: detection and grouping; the
site does not show stories yet).

How, linear in the number of articles:

* an article's *shingles* are the hashes of every run of ``SHINGLE`` consecutive words of
  its text, each word as our normalisation reads it (spelling, clitics and the article do
  not matter); the headline is left out (outlets rewrite it);
* its *sketch* is a one-permutation MinHash: each shingle's hash falls in one of ``BINS``
  bins by its low bits, a bin keeps its smallest hash (an empty bin borrows the next
  non-empty one's, so that two empty bins never look alike);
* *candidates* share all ``ROWS`` values of at least one of the ``BANDS`` bands of their
  sketches (locality-sensitive hashing: pairs above ~0.5 Jaccard meet with high
  probability, unrelated pairs almost never), and each candidate pair is then checked on
  its shingles themselves.

The rules (:func:`same_story`): two articles report the same story when their texts share
at least ``MIN_JACCARD`` of their shingles, or one holds at least ``MIN_CONTAINMENT`` of the
other's (a short copy of a long report), and they were published at most ``MAX_DAYS``
apart; undated articles are grouped by text alone. Two meetings of the same people on
different days share names, not sentences: they stay apart. A story is a connected group
around its first report (the earliest dated article): a later article joins the story whose
first report it is the same story as (:func:`stories`).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from datetime import date
from typing import Iterable, Sequence

from ..language.normalize import analyze
from ..model import Article

SHINGLE = 3
BINS = 64
BANDS = 16
ROWS = BINS // BANDS
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MAX_DAYS = 3
_EMPTY = 1 << 64


def words(article: Article) -> list[str]:
    """The article's text (summary and body, not the headline) as normalised words."""
    text = "\n".join(([article.summary] if article.summary and article.summary not in article.body else []) + article.body)
    return [forms[0] for forms in analyze(text)]


_MASK = (1 << 64) - 1
# Odd 64-bit multipliers: a run's hash depends on its words and their order.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)


def _word_hash(word: str, known: dict[str, int] = {}) -> int:  # noqa: B006 — a memo on purpose
    h = known.get(word)
    if h is None:
        if len(known) > 500_000:
            known.clear()  # bounded
        h = known[word] = zlib.crc32(word.encode("utf-8", "surrogatepass")) | (len(word) << 32)
    return h


def shingles(article: Article) -> frozenset[int]:
    """Hashes of every run of SHINGLE consecutive words (deterministic: story ids and
    groupings do not depend on the process)."""
    ids = [_word_hash(w) for w in words(article)]
    if len(ids) < SHINGLE:
        ids += [0] * (SHINGLE - len(ids)) if ids else []
    a, b, c = _MIX
    return frozenset(((x * a) ^ (y * b) ^ (z * c)) & _MASK for x, y, z in zip(ids, ids[1:], ids[2:]))


def sketch(hashes: Iterable[int]) -> tuple[int, ...]:
    """One-permutation MinHash of a set of 64-bit hashes, densified (see the module)."""
    bins = [_EMPTY] * BINS
    for h in hashes:
        b = (h >> 40) % BINS  # high bits: the low ones of a product mix little
        if h < bins[b]:
            bins[b] = h
    if all(v == _EMPTY for v in bins):
        return tuple(bins)
    for i in range(BINS):
        j = i
        while bins[j % BINS] == _EMPTY:
            j += 1
        if j != i:
            bins[i] = bins[j % BINS] ^ (j - i)  # borrowed, marked by the distance
    return tuple(bins)


def _day(article: Article) -> int | None:
    return date.fromisoformat(article.date).toordinal() if article.date else None


def candidates(sketches: Sequence[tuple[int, ...]], days: Sequence[int | None] | None = None) -> set[tuple[int, int]]:
    """Pairs (i < j) whose sketches agree on a whole band; with ``days`` (each article's
    day number, None when undated), only pairs at most MAX_DAYS apart or with an undated
    side: a bucket of a frequent text spans years, and its pairs across them could never be
    one story (the work stays near linear)."""
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for i, sk in enumerate(sketches):
            if sk[0] != _EMPTY:
                buckets[sk[band * ROWS : (band + 1) * ROWS]].append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            if days is None:
                for x, i in enumerate(members):
                    for j in members[x + 1 :]:
                        pairs.add((min(i, j), max(i, j)))
                continue
            undated = [i for i in members if days[i] is None]
            dated = sorted((i for i in members if days[i] is not None), key=lambda i: days[i])  # type: ignore[arg-type,return-value]
            for x, i in enumerate(dated):
                for j in dated[x + 1 :]:
                    if days[j] - days[i] > MAX_DAYS:  # type: ignore[operator]
                        break
                    pairs.add((min(i, j), max(i, j)))
            for x, i in enumerate(undated):
                for j in undated[x + 1 :] + dated:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def _days_apart(a: Article, b: Article) -> int | None:
    if not a.date or not b.date:
        return None
    return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days)


def same_story(a: Article, b: Article, sa: frozenset[int], sb: frozenset[int]) -> bool:
    """The rule of the module's docstring, on two articles and their shingles."""
    if not sa or not sb:
        return False
    common = len(sa & sb)
    jaccard = common / len(sa | sb)
    containment = common / min(len(sa), len(sb))
    if jaccard < MIN_JACCARD and containment < MIN_CONTAINMENT:
        return False
    apart = _days_apart(a, b)
    return apart is None or apart <= MAX_DAYS


def _when(a: Article) -> tuple[int, str, str]:
    return (0, a.date, a.id) if a.date else (1, "", a.id)


def _leaders(articles: Sequence[Article]) -> tuple[list[int], dict[int, int]]:
    """Publication order, and each article's first report (itself when it leads)."""
    sets = [shingles(a) for a in articles]
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j in candidates([sketch(s) for s in sets], [_day(a) for a in articles]):
        neighbours[i].append(j)
        neighbours[j].append(i)
    order = sorted(range(len(articles)), key=lambda i: _when(articles[i]))
    rank = {i: r for r, i in enumerate(order)}
    leader: dict[int, int] = {}
    for i in order:
        leader[i] = i
        for j in sorted(neighbours[i], key=rank.__getitem__):
            if rank[j] < rank[i] and leader[j] == j and same_story(articles[i], articles[j], sets[i], sets[j]):
                leader[i] = j
                break
    return order, leader


def story_ids(articles: Sequence[Article]) -> dict[str, str]:
    """Article id → its story's id: the id of the story's first report (an article alone
    is its own story). Stable while the first report stays."""
    _, leader = _leaders(articles)
    return {articles[i].id: articles[j].id for i, j in leader.items()}


def stories(articles: Sequence[Article]) -> list[list[Article]]:
    """The stories of more than one article, each earliest first (undated last, then by id);
    stories ordered by their first report.

    Not a transitive closure (copies of copies would chain unrelated reports into one
    story): in publication order, an article joins the story of the earliest first report
    it is the same story as, or starts its own."""
    order, leader = _leaders(articles)
    groups: dict[int, list[Article]] = defaultdict(list)
    for i in order:
        groups[leader[i]].append(articles[i])
    return [g for g in (groups[i] for i in order if i in groups) if len(g) > 1]
