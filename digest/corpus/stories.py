"""Near-duplicate articles: one wire story republished by several outlets, each with its own
headline, boilerplate and small edits (issue 15; the site shows them: digest/site/pages.py).

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
apart; articles without a stated date (undated, or dated by inference only: a guess never
keeps two copies apart) are grouped by text alone. Two meetings of the same people on
different days share names, not sentences: they stay apart. A story is a connected group
around its first report (the earliest dated article): a later article joins the story whose
first report it is the same story as (:func:`stories`).
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

from ..language.normalize import analyze
from ..model import Article
from .cache import record_version

SHINGLE = 3
BINS = 64
# 21 bands of 3 values (63 of the 64 bins): a pair at Jaccard 0.5 meets in a band with
# probability 1 - (1 - 0.5³)²¹ ≈ 0.94, at 0.6 ≈ 0.99; at 0.2, 0.16 (then checked and dropped).
BANDS = 21
ROWS = BINS // BANDS
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MAX_DAYS = 3
_EMPTY = 1 << 64


def text_tokens(article: Article) -> list[tuple[str, ...]]:
    """The article's text (summary and body, not the headline) analysed: each word's forms
    (the search index weighs the same tokens: digest/site/search.py)."""
    return analyze(article.text())


def words(article: Article, tokens: list[tuple[str, ...]] | None = None) -> list[str]:
    """The article's text as normalised words (``tokens``: its text_tokens(), when known)."""
    return [forms[0] for forms in (tokens if tokens is not None else text_tokens(article))]


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) | (len(word) << 32)


def shingles(article: Article, tokens: list[tuple[str, ...]] | None = None) -> frozenset[int]:
    """Hashes of every run of SHINGLE consecutive words. Deterministic (story ids and
    groupings do not depend on the process): a word's hash is its CRC-32 and length, a run's
    is Python's hash of the tuple of its words' hashes, which for integers does not depend on
    PYTHONHASHSEED."""
    ids = list(map(_word_hash, words(article, tokens)))
    if 0 < len(ids) < SHINGLE:
        ids += [0] * (SHINGLE - len(ids))
    return frozenset(map(hash, zip(*(ids[k:] for k in range(SHINGLE)))))


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
    """The article's day number when its text states its date; None when it has none or
    only an inferred one (a guess: it never keeps two copies apart)."""
    return date.fromisoformat(article.date).toordinal() if article.date and not article.date_inferred else None


def _days_apart(a: Article, b: Article) -> int | None:
    da, db = _day(a), _day(b)
    return None if da is None or db is None else abs(da - db)


def same_story(a: Article, b: Article, sa: frozenset[int], sb: frozenset[int]) -> bool:
    """The rule of the module's docstring, on two articles and their shingles."""
    if not sa or not sb:
        return False
    common = len(sa & sb)
    jaccard = common / (len(sa) + len(sb) - common)
    containment = common / min(len(sa), len(sb))
    if jaccard < MIN_JACCARD and containment < MIN_CONTAINMENT:
        return False
    apart = _days_apart(a, b)
    return apart is None or apart <= MAX_DAYS


def publication_order(a: Article) -> tuple[int, str, str]:
    """Sort key of a story's articles: earliest first, undated last, ties by id."""
    return (0, a.date, a.id) if a.date else (1, "", a.id)


# A bucket this large (a frequent text: a recurring bulletin over years) is searched by day,
# not member by member, so that the work stays near linear.
_LARGE = 64
_NONE: frozenset[str] = frozenset()


@dataclass
class _Entry:
    version: str
    article: Article
    shingles: array  # sorted hashes: 8 bytes each, a set is made only to compare
    # Each band of the sketch as one hash of its values (equal bands, equal hashes; a rare
    # collision only makes a candidate, which the rule then checks); empty: no shingle.
    bands: array
    day: int | None


@dataclass
class StoryMemo:
    """What grouping knows of each article (its shingles and sketch, by its version), the
    LSH buckets, and the verdicts of the rule on pairs already compared.

    :func:`group` with a memo kept between builds (digest/site/session.py) analyses only
    the articles whose version changed and compares only the pairs it has not compared;
    without one, everything is made for one call."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    # band number → band's hash → ids of the articles with it (lists: most hold one id)
    buckets: list[dict[int, list[str]]] = field(default_factory=lambda: [{} for _ in range(BANDS)])
    verdicts: dict[tuple[str, str], tuple[str, str, bool]] = field(default_factory=dict)
    sets: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)  # during one grouping
    # id → its neighbours (see neighbours()), until an article joins or leaves one of its buckets
    near: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def update(self, articles: Sequence[Article], versions: dict[str, str] | None,
               tokens: dict[str, list[tuple[str, ...]]] | None = None) -> None:
        """Bring the memo to ``articles``; each article analysed here leaves its
        text_tokens() in ``tokens`` (when given: the search index reuses them)."""
        now = {a.id: a for a in articles}
        for ident in [i for i, e in self.entries.items() if i not in now or _version(now[i], versions) != e.version]:
            self._drop(ident)
        for ident, article in now.items():
            if ident not in self.entries:
                self._add(article, _version(article, versions), tokens)
        if len(self.verdicts) > 8 * len(now) + 1024:
            self.verdicts.clear()  # bounded: stale pairs go

    def _drop(self, ident: str) -> None:
        entry = self.entries.pop(ident)
        self.near.pop(ident, None)
        for band, values in enumerate(entry.bands):
            members = self.buckets[band].get(values)
            if members is not None and ident in members:
                members.remove(ident)
                for other in members:
                    self.near.pop(other, None)
                if not members:
                    del self.buckets[band][values]

    def _add(self, article: Article, version: str, tokens: dict[str, list[tuple[str, ...]]] | None = None) -> None:
        analysed = text_tokens(article)
        if tokens is not None:
            tokens[article.id] = analysed
        sets = shingles(article, analysed)
        held = array("q", sorted(sets))
        bands = array("q")
        if sets:
            sk = sketch(sets)
            bands = array("q", (hash(sk[b * ROWS : (b + 1) * ROWS]) for b in range(BANDS)))
            for band, values in enumerate(bands):
                members = self.buckets[band].setdefault(values, [])
                for other in members:
                    self.near.pop(other, None)
                members.append(article.id)
        self.entries[article.id] = _Entry(version, article, held, bands, _day(article))

    def neighbours(self, ident: str, by_day: dict[tuple[int, int], list[tuple[int, str]]]) -> frozenset[str]:
        """The articles sharing a whole band with ``ident``'s sketch, at most MAX_DAYS from
        it (or either without a stated day); kept until its buckets change."""
        known = self.near.get(ident)
        if known is None:
            known = self.near[ident] = frozenset(self._neighbours(ident, by_day)) or _NONE
        return known

    def _neighbours(self, ident: str, by_day: dict[tuple[int, int], list[tuple[int, str]]]) -> set[str]:
        entry = self.entries[ident]
        found: set[str] = set()
        for band, values in enumerate(entry.bands):
            members = self.buckets[band][values]
            if len(members) < 2:
                continue
            if len(members) <= _LARGE or entry.day is None:
                found.update(m for m in members if _near(entry.day, self.entries[m].day))
                continue
            dated = by_day.get((band, values))
            if dated is None:
                dated = by_day[(band, values)] = sorted((self.entries[m].day or 0, m) for m in members if self.entries[m].day is not None)
                by_day[(band, values)].append((1 << 62, ""))  # a sentinel
            k = bisect_left(dated, (entry.day - MAX_DAYS, ""))
            while dated[k][0] <= entry.day + MAX_DAYS:
                found.add(dated[k][1])
                k += 1
            found.update(m for m in members if self.entries[m].day is None)
        found.discard(ident)
        return found

    def _set(self, ident: str) -> frozenset[int]:
        """An article's shingles as a set, kept while one grouping runs (sets are ~8 times
        the size of the sorted arrays held between builds; most articles are compared with
        none)."""
        known = self.sets.get(ident)
        if known is None:
            known = self.sets[ident] = frozenset(self.entries[ident].shingles)
        return known

    def same(self, a: str, b: str) -> bool:
        """:func:`same_story` on two known articles, compared once per pair of versions."""
        ea, eb = self.entries[a], self.entries[b]
        key = (a, b) if a < b else (b, a)
        known = self.verdicts.get(key)
        va, vb = (ea.version, eb.version) if a < b else (eb.version, ea.version)
        if known is not None and known[0] == va and known[1] == vb:
            return known[2]
        verdict = same_story(ea.article, eb.article, self._set(a), self._set(b))
        self.verdicts[key] = (va, vb, verdict)
        return verdict


def _near(day: int | None, other: int | None) -> bool:
    return day is None or other is None or abs(day - other) <= MAX_DAYS


def _version(article: Article, versions: dict[str, str] | None) -> str:
    known = versions.get(article.id) if versions else None
    return known if known is not None else record_version(article)


def group(articles: Sequence[Article], memo: StoryMemo | None = None,
          versions: dict[str, str] | None = None, tokens: dict[str, list[tuple[str, ...]]] | None = None) -> dict[str, str]:
    """Article id → its story's id: the id of the story's first report (an article alone
    is its own story). Stable while the first report stays.

    Not a transitive closure (copies of copies would chain unrelated reports into one
    story): in publication order, an article joins the story of the earliest first report
    it is the same story as, or starts its own. The first reports it is checked against are
    those among its earlier LSH neighbours and those of its earlier neighbours that are
    copies (LSH finds a short copy's long original less surely than the copies it
    resembles more)."""
    memo = memo if memo is not None else StoryMemo()
    memo.update(articles, versions, tokens)
    order = sorted((a.id for a in articles), key=lambda i: publication_order(memo.entries[i].article))
    rank = {i: r for r, i in enumerate(order)}
    leader: dict[str, str] = {}
    by_day: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for i in order:
        leader[i] = i
        earlier = [j for j in memo.neighbours(i, by_day) if rank[j] < rank[i]] if memo.entries[i].bands else []
        for j in sorted({leader[j] for j in earlier}, key=rank.__getitem__):
            if memo.same(i, j):
                leader[i] = j
                break
    memo.sets.clear()
    return leader


def stories(articles: Sequence[Article], ids: dict[str, str] | None = None) -> list[list[Article]]:
    """The stories of more than one article, each earliest first (undated last, then by id);
    stories ordered by their first report. ``ids``: :func:`group`'s result, when known."""
    ids = ids if ids is not None else group(articles)
    members: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=publication_order):
        members[ids[article.id]].append(article)
    return [g for g in members.values() if len(g) > 1]
