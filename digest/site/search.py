"""The Arabic search index, built with :mod:`digest.normalize` (the browser's worker,
``docs/assets/javascripts/digest-search-worker.js``, analyses queries with the JS mirror).

The index is split so that a reader downloads only what a query needs, whatever the size of
the digest (all under ``search/digest/``):

    meta.json             entities' names and aliases, spelling variants, the list of shards
    terms/<key>.json      {form: [doc, weight, doc, weight, ...]} for forms starting with <key>
                          (their first two letters, hex-encoded); doc ids are delta-coded
    entities/<slug>.json  [doc, ...] the articles about an entity
    docs/<n>.json         [[url, title, date, sources, text], ...] docs n*CHUNK … n*CHUNK+CHUNK-1
    facets.json           what the filters of the search panel need, for every doc at once, in
                          a few bytes a doc (see :func:`facets`)

Doc ids are positions in the newest-first order. A word's weight is its count in the body
plus TITLE_WEIGHT per occurrence in the title, so an article *about* a word ranks above one
that mentions it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from typing import Any, Callable

from ..language.dates import Calendar
from ..language.normalize import analyze
from ..model import Article
from ..taxonomy import Taxonomy
from . import urls
from .blocks import LazyText
from .context import SiteContext

TITLE_WEIGHT = 5
INDEX_VERSION = 3
DOCS_PER_CHUNK = 16
SHARD_PREFIX = 2
ROOT = urls.SEARCH_ROOT


def shard_key(form: str) -> str:
    """File-name-safe key of the shard holding ``form`` (hex of its first letters)."""
    return form[:SHARD_PREFIX].encode("utf-8").hex()


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _docs_chunk(articles: list[Article], calendar: Calendar) -> str:
    return _dump([
        [urls.search_url(a), a.title, calendar.display(a.date) if a.date else "", "، ".join(a.sources), a.text()]
        for a in articles
    ])


def _chunk_key(ctx: SiteContext, articles: list[Article]) -> str:
    return "\x1f".join([ctx.stamp, "docs", *(ctx.version(a) for a in articles)])


def _weights(article: Article, tokens: list[tuple[str, ...]] | None = None) -> Counter[str]:
    """form → the article's weight for it: its count in the text and tags, and TITLE_WEIGHT
    per occurrence in the title. ``tokens``: the text's tokens when already analysed (by
    the stories: digest/corpus/stories.py text_tokens, the same text)."""
    # Counted by Counter's C loop: this runs over every word of every article.
    if tokens is None:
        tokens = analyze(article.text())
    weights = Counter(chain.from_iterable(tokens))
    weights.update(chain.from_iterable(analyze(" ".join(article.tags))))
    for form, count in Counter(chain.from_iterable(analyze(article.title))).items():
        weights[form] += TITLE_WEIGHT * count
    return weights


def _coded(plist: list[int]) -> list[int]:
    coded = plist[:]
    for k in range(len(plist) - 2, 0, -2):
        coded[k] -= plist[k - 2]  # delta-code the doc ids
    return coded


@dataclass
class SearchMemo:
    """The term postings of the last index one process built (digest/site/session.py), so
    that the next, over the same order of articles, updates only the articles whose version
    changed and writes only the shards their words (old and new) fall in."""

    ids: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    # form → [doc, weight, doc, weight, ...], docs ascending
    postings: dict[str, list[int]] = field(default_factory=dict)
    forms: list[list[str]] = field(default_factory=list)  # doc → its forms
    shards: dict[str, set[str]] = field(default_factory=dict)  # shard key → its forms
    keys: dict[str, str] = field(default_factory=dict)  # shard key → hash of its text

    def update(self, ordered: list[Article], versions: list[str] | None,
               tokens: dict[str, list[tuple[str, ...]]] | None = None) -> set[str]:
        """Bring the postings to ``ordered``; the shards whose text may have changed.
        ``versions`` None: a single build, which keeps nothing for the next. ``tokens``:
        texts already analysed, by article id."""
        known = tokens or {}
        ids = [a.id for a in ordered]
        if versions is None or ids != self.ids:
            self.ids, self.versions, self.postings, self.forms, self.shards, self.keys = ids, versions or [], {}, [], {}, {}
            postings: dict[str, list[int]] = defaultdict(list)
            for n, article in enumerate(ordered):
                weights = _weights(article, known.get(article.id))
                for form, weight in weights.items():
                    postings[form] += (n, weight)
                if versions is not None:
                    self.forms.append(list(weights))
            self.postings = dict(postings)
            for form in self.postings:
                self.shards.setdefault(shard_key(form), set()).add(form)
            return set(self.shards)
        dirty: set[str] = set()
        for n, (article, version) in enumerate(zip(ordered, versions)):
            if version == self.versions[n]:
                continue
            weights = _weights(article, known.get(article.id))
            changed = dict(weights)
            # Only the forms whose weight changed (a headline edit: a few of hundreds).
            for form in self.forms[n]:
                plist = self.postings[form]
                k = bisect_left(plist[0::2], n)
                if changed.get(form) == plist[2 * k + 1]:
                    del changed[form]  # unchanged
                    continue
                del plist[2 * k : 2 * k + 2]
                key = shard_key(form)
                dirty.add(key)
                if not plist:
                    del self.postings[form]
                    self.shards[key].discard(form)
                    if not self.shards[key]:
                        del self.shards[key]
            for form, weight in changed.items():
                plist = self.postings.setdefault(form, [])
                k = bisect_left(plist[0::2], n)
                plist[2 * k : 2 * k] = [n, weight]
                key = shard_key(form)
                dirty.add(key)
                self.shards.setdefault(key, set()).add(form)
            self.forms[n] = list(weights)
            self.versions[n] = version
        return dirty

    def shard(self, key: str) -> str:
        """The text of one terms shard: {form: delta-coded postings}, forms in order."""
        return _dump({form: _coded(self.postings[form]) for form in sorted(self.shards[key])})


def _shard_file(memo: SearchMemo, key: str, dirty: bool) -> LazyText:
    """A shard as a file: made now if it changed (its key is its text's hash), else made
    when written, with the key of the last build."""
    if dirty or key not in memo.keys:
        text = memo.shard(key)
        memo.keys[key] = hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()
        return LazyText(lambda: text, partial(str, memo.keys[key]))
    return LazyText(partial(memo.shard, key), partial(str, memo.keys[key]))


def build_index(ctx: SiteContext, memo: SearchMemo | None = None,
                tokens: dict[str, list[tuple[str, ...]]] | None = None) -> dict[str, str | Callable[[], str]]:
    """The index files, ``{uri: json text}`` (or a function that returns it, for the files
    of documents: they hold every article's text, and are made when written). With a
    ``memo`` of the last build of the process, only what changed is analysed again."""
    ordered, taxonomy, calendar = ctx.ordered, ctx.taxonomy, ctx.calendar
    terms = memo if memo is not None else SearchMemo()
    dirty = terms.update(ordered, [ctx.version(a) for a in ordered] if memo is not None else None, tokens)
    entity_docs: dict[str, list[int]] = defaultdict(list)
    for n, article in enumerate(ordered):
        for slug in article.entities:
            entity_docs[slug].append(n)

    files: dict[str, str | Callable[[], str]] = {}
    for key in sorted(terms.shards):
        # Without a memo (one build), every shard is made now.
        files[f"{ROOT}/terms/{key}.json"] = terms.shard(key) if memo is None else _shard_file(terms, key, key in dirty)
    for start in range(0, len(ordered), DOCS_PER_CHUNK):
        # The documents (every article's text) are written out when the file is, not held.
        chunk = ordered[start : start + DOCS_PER_CHUNK]
        files[f"{ROOT}/docs/{start // DOCS_PER_CHUNK}.json"] = LazyText(partial(_docs_chunk, chunk, calendar), partial(_chunk_key, ctx, chunk))
    entities = []
    for entity in taxonomy.entities:
        if entity_docs.get(entity.slug):
            files[f"{ROOT}/entities/{entity.slug}.json"] = _dump(entity_docs[entity.slug])
            entities.append([entity.slug, entity.label, [[list(f) for f in analyze(a)] for a in entity.aliases]])
    files[f"{ROOT}/facets.json"] = _dump(facets(ctx))
    files[f"{ROOT}/meta.json"] = _dump({
        "version": INDEX_VERSION,
        "count": len(ordered),
        "chunk": DOCS_PER_CHUNK,
        "prefix": SHARD_PREFIX,
        "shards": sorted(terms.shards),
        "entities": entities,
        "variants": spelling_variants(taxonomy),
        "facets": True,
    })
    return files


# 64 characters a JSON string holds as they are: a doc's publishers, in ``width`` of them.
FACET_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def facets(ctx: SiteContext) -> dict[str, Any]:
    """The search filters' data (topic, publisher, year) for every doc, compact enough that
    a query downloads little more than before (bench/run.py reports the bytes):

    * ``years``: [[year, first doc], ...] newest first, [null, first doc] for the undated:
      docs are in newest-first order, so a year is a run of doc ids;
    * ``topics``: [[slug, label, bitmap], ...]: bit n (of byte n // 8, lowest first) set
      when doc n is about the topic; base64;
    * ``sources``: the publishers' ``names``, the ``combos`` of them that docs have (combo 0:
      none), and ``docs``: each doc's combo number in ``width`` digits of FACET_DIGITS."""
    ordered = ctx.ordered
    years: list[list[int | None]] = []
    for n, article in enumerate(ordered):
        year = int(article.date[:4]) if article.date else None
        if not years or years[-1][0] != year:
            years.append([year, n])
    topics = []
    for topic in ctx.taxonomy.topics:
        bits = bytearray((len(ordered) + 7) // 8)
        for n, article in enumerate(ordered):
            if topic.slug in article.topics:
                bits[n >> 3] |= 1 << (n & 7)
        topics.append([topic.slug, topic.label, base64.b64encode(bytes(bits)).decode("ascii")])
    names = sorted(ctx.by_source)
    number = {name: i for i, name in enumerate(names)}
    combos: dict[tuple[int, ...], int] = {(): 0}
    per_doc = [combos.setdefault(tuple(number[s] for s in a.sources), len(combos)) for a in ordered]
    width = 1
    while len(FACET_DIGITS) ** width < len(combos):
        width += 1

    def digits(k: int) -> str:
        out = ""
        for _ in range(width):
            k, d = divmod(k, len(FACET_DIGITS))
            out = FACET_DIGITS[d] + out
        return out

    return {
        "years": years,
        "topics": topics,
        "sources": {"names": names, "combos": [list(c) for c in combos], "width": width,
                    "docs": "".join(digits(k) for k in per_doc)},
    }


def spelling_variants(taxonomy: Taxonomy) -> list[list[str]]:
    """Words that one entity's aliases spell differently at the same place
    ("سيرغي لافروف" / "سيرجي لافروف" → سيرغي ≡ سيرجي), so that a query of one word in
    either spelling finds both."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for entity in taxonomy.entities:
        spelled = [[forms[0] for forms in analyze(alias)] for alias in entity.aliases]
        for a in spelled:
            for b in spelled:
                if len(a) != len(b) or a == b:
                    continue
                pairs = [(x, y) for x, y in zip(a, b) if x != y]
                if all(is_respelling(x, y) for x, y in pairs):
                    for x, y in pairs:
                        parent[find(x)] = find(y)
    groups: dict[str, list[str]] = defaultdict(list)
    for word in sorted(parent):
        groups[find(word)].append(word)
    return sorted(g for g in groups.values() if len(g) > 1)


def is_respelling(x: str, y: str) -> bool:
    """Another spelling is a small edit that keeps the first letter (سيرغي/سيرجي, باغ/باج),
    not another word (سوريا/كوريا)."""
    if min(len(x), len(y)) < 3 or x[0] != y[0]:
        return False
    return edit_distance(x, y) <= (2 if min(len(x), len(y)) >= 6 else 1)


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
