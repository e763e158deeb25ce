"""The site's context: one newest-first order of the articles and every grouping the pages
need (topics, mentions, tags, publishers, months, stories, related articles, key dates), computed
once, before any page is written (as Pelican's ``generate_context`` before
``generate_output``). Page builders read it; none of them sorts or groups again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..corpus.cache import record_version
from ..corpus.stories import group, publication_order, stories
from ..language.dates import Calendar
from ..model import Article
from ..taxonomy import Entity, Taxonomy
from . import urls
from .related import RelatedMemo, related_articles
from .timeline import Citation, key_dates


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones; ties by id, so order never varies."""
    items = list(articles)
    dated = sorted((a for a in items if a.date), key=lambda a: (a.date, a.id), reverse=True)
    undated = sorted((a for a in items if not a.date), key=lambda a: a.id)
    return dated + undated


@dataclass(frozen=True)
class Tag:
    """One tag of the site: its name, its page, its articles (newest first) and the
    taxonomy's entity when the tag is one."""

    name: str
    uri: str
    articles: list[Article]
    entity: Entity | None = None

    @property
    def kind(self) -> str:
        return self.entity.kind if self.entity else "keyword"


@dataclass(frozen=True)
class Story:
    """Articles that report the same event (digest/corpus/stories.py), earliest first: the
    first is the story's first report, whose id is the story's."""

    id: str
    uri: str
    articles: list[Article]

    @property
    def first(self) -> Article:
        return self.articles[0]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    uri: str
    articles: list[Article]


@dataclass
class SiteContext:
    taxonomy: Taxonomy
    calendar: Calendar
    ordered: list[Article]
    by_topic: dict[str, list[Article]] = field(default_factory=dict)
    by_mention: dict[str, list[Article]] = field(default_factory=dict)
    by_source: dict[str, list[Article]] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    source_uris: dict[str, str] = field(default_factory=dict)
    months: list[Month] = field(default_factory=list)  # newest first
    undated: list[Article] = field(default_factory=list)
    related: dict[str, list[Article]] = field(default_factory=dict)
    key_dates: dict[str, list[Citation]] = field(default_factory=dict)
    # article id → its story, for articles whose story has more than one article
    story_of: dict[str, Story] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)  # by first report, newest first
    # article id → its version (digest/corpus/build.py), and a hash of the code and data
    # files (the taxonomy aside) the site is rendered with: what the keys of incremental
    # builds are made of.
    versions: dict[str, str] = field(default_factory=dict)
    stamp: str = ""
    _month_by_key: dict[tuple[int, int], Month] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, articles: Iterable[Article], taxonomy: Taxonomy, calendar: Calendar,
              versions: dict[str, str] | None = None, stamp: str = "", related: RelatedMemo | None = None,
              story_ids: dict[str, str] | None = None) -> "SiteContext":
        """``story_ids``: each article's story (digest/corpus/stories.py ``group``), found
        here when not given."""
        ordered = newest_first(articles)
        ctx = cls(taxonomy, calendar, ordered, versions=versions if versions is not None else {}, stamp=stamp)
        by_topic: dict[str, list[Article]] = defaultdict(list)
        by_mention: dict[str, list[Article]] = defaultdict(list)
        by_source: dict[str, list[Article]] = defaultdict(list)
        by_tag: dict[str, list[Article]] = defaultdict(list)
        by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
        # Grouped from the newest-first order, every group is in that order already.
        for article in ordered:
            for slug in article.topics:
                by_topic[slug].append(article)
            for slug in article.mentions:
                by_mention[slug].append(article)
            for source in article.sources:
                by_source[source].append(article)
            for tag in article.tags:
                by_tag[tag].append(article)
            if article.date:
                year, month, _ = article.date.split("-")
                by_month[(int(year), int(month))].append(article)
            else:
                ctx.undated.append(article)
        ctx.by_topic, ctx.by_mention, ctx.by_source = dict(by_topic), dict(by_mention), dict(by_source)
        ctx.tags = _tags(by_tag, taxonomy)
        ctx.source_uris = _source_uris(by_source, taxonomy)
        ctx.months = [Month(y, m, urls.month_uri(y, m), by_month[(y, m)]) for y, m in sorted(by_month, reverse=True)]
        ctx._month_by_key = {(m.year, m.month): m for m in ctx.months}
        ctx.related = related_articles(ordered, related)
        ctx.key_dates = key_dates(ordered)
        ctx.stories, ctx.story_of = _stories(ordered, story_ids if story_ids is not None else group(ordered, versions=ctx.versions))
        return ctx

    def version(self, article: Article) -> str:
        """The article's version: from the digest, or (articles made another way, as in
        tests) a hash of its whole record."""
        version = self.versions.get(article.id)
        if version is None:
            version = self.versions[article.id] = record_version(article)
        return version

    def collapsed(self, articles: list[Article]) -> list[Article]:
        """A listing with each story once: of a story's articles in ``articles``, only the
        earliest stays, where it stands (its card names the others; digest/site/pages.py).
        Articles in no story are all kept."""
        story_of = self.story_of
        if not story_of:
            return articles
        shown: dict[str, Article] = {}
        for article in articles:
            story = story_of.get(article.id)
            if story is not None:
                held = shown.get(story.id)
                if held is None or publication_order(article) < publication_order(held):
                    shown[story.id] = article
        return [a for a in articles if (s := story_of.get(a.id)) is None or shown[s.id] is a]

    def topic_label(self, slug: str) -> str:
        return self.taxonomy.topic_by_slug[slug].label

    def month_of(self, article: Article) -> Month | None:
        if not article.date:
            return None
        return self._month_by_key.get((int(article.date[:4]), int(article.date[5:7])))

    def neighbours(self, month: Month) -> tuple[Month | None, Month | None]:
        """The archive's previous (older) and next (newer) months around ``month``."""
        i = self.months.index(month)
        older = self.months[i + 1] if i + 1 < len(self.months) else None
        newer = self.months[i - 1] if i > 0 else None
        return older, newer


def _stories(ordered: list[Article], ids: dict[str, str]) -> tuple[list[Story], dict[str, Story]]:
    """The stories of more than one article (newest first, by their first report), and
    each member's story."""
    found = [Story(g[0].id, urls.story_uri(g[0].id), g) for g in stories(ordered, ids)]
    rank = {a.id: n for n, a in enumerate(newest_first(s.first for s in found))}
    found.sort(key=lambda s: rank[s.id])
    return found, {a.id: s for s in found for a in s.articles}


def _unique(slug: str, used: set[str]) -> str:
    while slug in used:
        slug += "-x"
    used.add(slug)
    return slug


def _tags(by_tag: dict[str, list[Article]], taxonomy: Taxonomy) -> dict[str, Tag]:
    """Every tag's page: an entity's at its taxonomy slug, any other tag (a keyword or a
    hashtag of the article) at a slug readable in its own script."""
    entity_by_label = {e.label: e for e in taxonomy.entities}
    used: set[str] = {e.slug for e in taxonomy.entities}
    tags = {}
    # Entities first, so that a keyword never takes an entity's URL.
    for name in sorted(by_tag, key=lambda n: (n not in entity_by_label, n)):
        entity = entity_by_label.get(name)
        slug = entity.slug if entity else _unique(urls.readable_slug(name), used)
        tags[name] = Tag(name, urls.tag_uri(slug), by_tag[name], entity)
    return tags


def _source_uris(by_source: dict[str, list[Article]], taxonomy: Taxonomy) -> dict[str, str]:
    known = {s.label: s.slug for s in taxonomy.sources}
    used: set[str] = set()
    return {
        name: urls.source_uri(_unique(known.get(name) or urls.readable_slug(name), used))
        for name in sorted(by_source)
    }
