"""Page builders: the site context → the site's Markdown pages, as ``{src_uri: Page}``.

Pure Python, no MkDocs: the hook hands these to MkDocs as virtual files, and
``python -m digest export`` can write them to a folder for any engine that reads Markdown.

A page's body is a run of raw HTML blocks (built by :mod:`digest.site.html`, escaped by
construction) and, where a page has sections worth a table of contents, Markdown headings
made of constant words and numbers. Every listing (a topic, a tag, a publisher, a month) is
split into pages of at most a few dozen cards, so that no page grows with the digest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Callable, Iterable

import yaml

from ..language.escape import attribute
from ..language.normalize import analyze
from ..language.normalize import normalize
from ..language.text import sentences, shorten
from ..model import Article
from ..taxonomy import Entity
from . import labels, urls
from .context import Month, SiteContext, Story, Tag
from .blocks import Block, Deferred, LazyText
from .blocks import text as blocks_text
from .html import Markup, el, escaped, join
from .raw import raw_page

PAGE_SIZE = 50  # cards per page of a topic (they carry evidence quotes)
LIST_SIZE = 100  # cards per page of a tag, a publisher or a month
LATEST_ON_HOME = 10
TOPIC_BLOCK = 3  # newest stories of each topic on the home page
MAX_TAG_CHIPS = 8
MAX_NAMES_SHOWN = 3
MAX_CITATIONS_SHOWN = 5
MENTIONS_SHOWN = 10  # on a topic's first page; the rest on its mentions listing
EXCERPT_CHARS = 220
OTHERS_NAMED = 6  # a story's other outlets named under its card (all are on its page)
VERSIONS_SIDE_BY_SIDE = 12  # on a story's page; more are listed as links under them
UNIQUE_SHOWN = 8  # sentences of one version's own, on a story's page
# Tags on an article's foot, most specific first: a person says more than a country.
KIND_RANK = {"person": 0, "organisation": 1, "keyword": 2, "city": 3, "territory": 4, "country": 5}

Item = Callable[[Article, str], Markup]


# libyaml's C emitter when PyYAML has it (same output, many times faster than pure Python).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, object]) -> str:
    text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + text + "---\n\n"


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: its front matter as data, and its body as blocks
    (Markdown, HTML, and HTML rendered when the page is written: digest/site/blocks.py).

    The hook gives MkDocs ``meta`` as it is (MkDocs would otherwise parse YAML it was just
    handed as YAML) and the blocks as they are; :meth:`text` is the page as a Markdown file,
    for ``digest export``."""

    meta: dict[str, object]
    blocks: tuple[Block, ...]
    # When given: names everything the page is made of (equal keys, equal pages), so that an
    # incremental build need not look at the page itself (digest/site/incremental.py).
    key: str | None = None

    @property
    def body(self) -> str:
        return blocks_text(self.blocks)

    def text(self) -> str:
        return front_matter(self.meta) + self.body


def body(*blocks: Block | None) -> tuple[Block, ...]:
    """A page body: its blocks, the empty ones left out."""
    return tuple(b for b in blocks if b)


def json_for_script(data: object) -> str:
    """JSON that cannot close its <script> element or open another."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def lead_shown(article: Article) -> bool:
    """The summary is shown as the lead only when the body does not begin with it (a
    summary cut from the first paragraph would be read twice)."""
    summary = article.summary.strip()
    if not summary:
        return False
    head = summary.removesuffix("…").rstrip()
    return not any(p == summary or p.startswith(head) for p in article.body[:3])


def mark_phrases(sentence: str, phrases: Iterable[str]) -> Markup:
    """``sentence`` with every occurrence of one of ``phrases`` (the same words as our
    normalisation reads them: spelling, clitics and article do not matter) in ``<mark>``."""
    return _marker(tuple(phrases))(sentence)


class PhraseMarker:
    """:func:`mark_phrases` for one set of phrases, analysed once and indexed by the readings
    of their first word: each word of a sentence is tried only against the phrases that can
    start with it (a topic has dozens of patterns; its timeline marks thousands of quotes)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.starting: dict[str, list[list[frozenset[str]]]] = {}
        for phrase in phrases:
            words = [frozenset(t) for t in analyze(phrase)]
            for reading in words[0] if words else ():
                self.starting.setdefault(reading, []).append(words)
        for candidates in self.starting.values():
            candidates.sort(key=len, reverse=True)  # the longest match wins

    def __call__(self, sentence: str) -> Markup:
        words = [(m.start(), m.end(), _readings(m.group())) for m in _WORD_RE.finditer(sentence)]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            best = 0
            for reading in words[i][2]:
                for phrase in self.starting.get(reading, ()):
                    n = len(phrase)
                    if n <= best:
                        break
                    if i + n <= len(words) and all(not p.isdisjoint(words[i + k][2]) for k, p in enumerate(phrase)):
                        best = n
                        break
            if best:
                spans.append((words[i][0], words[i + best - 1][1]))
                i += best
            else:
                i += 1
        out: list[str | Markup] = []
        at = 0
        for start, end in spans:
            out += [sentence[at:start], el("mark", sentence[start:end])]
            at = end
        out.append(sentence[at:])
        return join(out)


@lru_cache(maxsize=256)
def _marker(phrases: tuple[str, ...]) -> PhraseMarker:
    return PhraseMarker(phrases)


@lru_cache(maxsize=65536)
def _readings(word: str) -> frozenset[str]:
    """The readings of one written word (its first token's forms)."""
    tokens = analyze(word)
    return frozenset(tokens[0]) if tokens else frozenset()


# A written word: letters with their diacritics and tatweel (which normalisation drops
# inside a word, so that the word stays one token, as digest.language.normalize reads it).
_WORD_RE = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")


class SiteRenderer:
    """Every page of the site, from one :class:`SiteContext`."""

    def __init__(self, ctx: SiteContext, site_url: str = "", memo: dict[str, tuple[str, dict[str, object], tuple[Block, ...]]] | None = None) -> None:
        self.ctx = ctx
        self.cal = ctx.calendar
        self.site_url = site_url
        # article page URI → (key, meta, head blocks) of the last build of this process
        # (digest/site/session.py): an article page whose key is unchanged is not made again.
        self.memo = memo  # None: one build, nothing kept (nothing held twice either)
        self._tag_rank: dict[str, tuple[int, int]] | None = None  # tag → (kind's rank, articles)
        # article id → its card split around the link's URL (the rest of a card does not
        # depend on the page listing it; every article is listed on a dozen pages).
        self._cards: dict[tuple[str, str, bool], tuple[str, str]] = {}
        self._story_keys: dict[str, str] = {}  # story id → story_key()

    @classmethod
    def of(cls, articles: Iterable[Article], taxonomy, calendar, site_url: str = "") -> "SiteRenderer":  # type: ignore[no-untyped-def]
        """A renderer with the context of ``articles`` (for tests and the bench's floor)."""
        return cls(SiteContext.build(articles, taxonomy, calendar), site_url)

    def absolute(self, uri: str) -> str:
        url = urls.page_url(uri) if uri.endswith(".md") else uri
        return (self.site_url.rstrip("/") + "/" + url) if self.site_url else url

    # -- shared pieces -----------------------------------------------------------------------

    def crumbs(self, here: str, trail: list[tuple[str, str]]) -> Markup:
        """Breadcrumbs: home, then ``trail`` (label, uri) down to the page's parent."""
        items = [el("li", el("a", labels.HOME, href=urls.href(here, urls.HOME)))]
        items += [el("li", el("a", label, href=urls.href(here, uri))) for label, uri in trail]
        return el("nav", el("ol", items), class_="digest-crumbs", aria_label="مسار التصفح")

    def date_html(self, article: Article, full: bool = False) -> Markup:
        """The date, never broken across lines; an inferred one carries a marker whose
        tooltip says how it was inferred (on the article's page; in a listing, briefly: a
        listing holds a hundred cards)."""
        if not article.date:
            return el("span", labels.UNDATED, class_="digest-date digest-date--none")
        text = labels.full_date_label(self.cal, article.date) if full else labels.date_label(self.cal, article.date)
        marker = None
        if article.date_inferred:
            note = labels.inferred_note(self.cal, article) if full else labels.INFERRED_SHORT
            marker = el("abbr", "تقديري", class_="digest-inferred", title=note, tabindex="0")
        return el("span", el("time", text, datetime=article.date, class_="digest-date"), " " if marker else None, marker,
                  class_="digest-when")

    def card(self, article: Article, from_uri: str, level: str = "h3", excerpt: bool = True) -> Markup:
        """One article in a listing: headline, a meta line (date, publisher), an excerpt."""
        key = (article.id, level, excerpt)
        parts = self._cards.get(key)
        if parts is None:
            meta = el("p", self.date_html(article), el("span", labels.sources_label(article), class_="digest-source"),
                      class_="digest-meta")
            text = labels.excerpt(article) if excerpt else ""
            html = el("article", el(level, el("a", labels.headline(article), href="\0")), meta,
                      el("p", shorten(text, EXCERPT_CHARS), class_="digest-excerpt") if text else None,
                      class_="digest-card")
            before, after = html.split("\0")
            parts = self._cards[key] = (str(before), str(after))
        return Markup(parts[0] + escaped(urls.href(from_uri, urls.article_uri(article))) + parts[1])  # the URL escaped

    def cards(self, articles: Iterable[Article], from_uri: str, item: Item | None = None, stories: bool = False) -> Markup:
        """Cards of ``articles``; with ``stories`` (a listing showing each story once: see
        SiteContext.collapsed), a story's card names and links its other versions."""
        make = item or self.card
        out = []
        for article in articles:
            html = make(article, from_uri)
            story = self.ctx.story_of.get(article.id) if stories else None
            if story is not None:
                html = Markup(html.removesuffix("</article>")) + self.others(story, article, from_uri) + Markup("</article>")
            out.append(html)
        return el("div", out, class_="digest-cards")

    def others(self, story: Story, shown: Article, from_uri: str) -> Markup:
        """Under a story's card: "و4 مصادر أخرى", a link to the story's page (every version,
        compared), and the other outlets' names. Names, not links: a publisher's listing of
        wire copies has this line under every card, and the page must stay small."""
        rest = [a for a in story.articles if a is not shown]
        names = list(dict.fromkeys(labels.sources_label(a) for a in rest))
        more = "، …" if len(names) > OTHERS_NAMED else ""
        return el("p", el("a", labels.others_label(len(rest)), href=urls.href(from_uri, story.uri), class_="digest-also__all"),
                  ": ", "، ".join(names[:OTHERS_NAMED]), more, class_="digest-also")

    def story_key(self, article: Article) -> str:
        """What a card's or page's story part is made of: the story's versions."""
        story = self.ctx.story_of.get(article.id)
        if story is None:
            return ""
        key = self._story_keys.get(story.id)
        if key is None:
            version = self.ctx.version
            key = self._story_keys[story.id] = story.id + "\0" + "\0".join(a.id + ":" + version(a) for a in story.articles)
        return key

    def deferred_cards(self, articles: list[Article], from_uri: str, item: Item | None = None, item_key: str = "",
                       stories: bool = True) -> Deferred:
        """:meth:`cards`, rendered when the page is written (a listing's cards are most of
        it); ``item_key`` names ``item`` (how a card is made: a topic's marks its evidence)."""
        def key() -> str:
            versions, version = self.ctx.versions, self.ctx.version
            return "\x1f".join([self.key_base(), "cards", from_uri, item_key,
                                *((versions.get(a.id) or version(a)) + "\0" + (self.story_key(a) if stories else "") for a in articles)])

        return Deferred(lambda: self.cards(articles, from_uri, item, stories), key)

    def key_base(self) -> str:
        """What every key holds: the code and data files (the taxonomy aside: a key names what
        it shows of it), the site's URL."""
        return self.ctx.stamp + "\x1f" + self.site_url

    def pager(self, uris: list[str], n: int) -> Markup | None:
        """Bounded navigation between the pages of a listing: first, previous, next, last."""
        if len(uris) == 1:
            return None
        here = uris[n - 1]
        parts: list[Markup | str] = []
        if n > 1:
            parts += [el("a", "الأولى", href=urls.href(here, uris[0])),
                      el("a", "السابقة", href=urls.href(here, uris[n - 2]), rel="prev")]
        parts.append(el("span", f"الصفحة {n} من {len(uris)}"))
        if n < len(uris):
            parts += [el("a", "التالية", href=urls.href(here, uris[n]), rel="next"),
                      el("a", "الأخيرة", href=urls.href(here, uris[-1]))]
        return el("nav", parts, class_="digest-pager", aria_label="صفحات القائمة")

    @staticmethod
    def count_chip(label: str, n: int, href: str) -> Markup:
        """A chip of an index (a tag, a publisher, a month): its name and its number of
        articles, in words on hover."""
        count = el("span", str(n), class_="digest-chip__count")
        return el("li", el("a", label, " ", count, href=href, class_="digest-chip", title=labels.count_label(n)))

    def heading(self, title: str, chip: str | None = None) -> Markup:
        return el("h1", title, " " if chip else None, el("span", chip, class_="digest-kind") if chip else None)

    def listing(
        self,
        first: str,
        articles: list[Article],
        title: str,
        trail: list[tuple[str, str]],
        intro: list[Markup | str] = (),  # type: ignore[assignment]
        item: Item | None = None,
        item_key: str = "",
        description: str = "",
        size: int = LIST_SIZE,
        chip: str | None = None,
        by_month: bool = False,
        extra_meta: dict[str, object] | None = None,
    ) -> dict[str, Page]:
        """The pages of one listing of ``articles`` (newest first, as given), each story
        once (its card names its other versions), the intro on the first page;
        ``by_month``: cards under year and month headings (a timeline)."""
        articles = self.ctx.collapsed(articles)
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)] or [[]]
        uris = [urls.paged(first, n) for n in range(1, len(chunks) + 1)]
        out = {}
        for n, (uri, chunk) in enumerate(zip(uris, chunks), 1):
            heading = title if n == 1 else f"{title} (الصفحة {n})"
            blocks: list[Markup | str | None] = [self.crumbs(uri, trail), self.heading(heading, chip)]
            if n == 1:
                blocks += list(intro)
            if by_month:
                blocks += self.timeline_groups(chunk, uri, item, item_key)
            elif chunk:
                blocks.append(self.deferred_cards(chunk, uri, item, item_key))
            blocks.append(self.pager(uris, n))
            meta: dict[str, object] = {**(extra_meta or {}), "title": attribute(heading), "search": {"exclude": True}}
            if description:
                meta["description"] = attribute(description)
            out[uri] = Page(meta, body(*blocks))
        return out

    def timeline_groups(self, articles: list[Article], uri: str, item: Item | None, item_key: str = "") -> list[Markup | str]:
        """Cards under a heading per year and per month (Markdown headings of constant
        words and numbers: they make the page's table of contents)."""
        blocks: list[Markup | str] = []
        group: list[Article] = []
        current: tuple[str, str] | None = None

        def flush() -> None:
            if group:
                blocks.append(self.deferred_cards(list(group), uri, item, item_key))
                group.clear()

        for article in articles:
            year = article.date[:4] if article.date else ""
            month = self.cal.month_label(int(year), int(article.date[5:7])) if article.date else labels.UNDATED
            if current is None or current[0] != year:
                flush()
                blocks.append(f"## {year or labels.UNDATED}")
            if current is None or current != (year, month):
                flush()
                if year:
                    blocks.append(f"### {month}")
            current = (year, month)
            group.append(article)
        flush()
        return blocks

    # -- articles ------------------------------------------------------------------------------

    def article_trail(self, article: Article) -> list[tuple[str, str]]:
        if article.topics:
            slug = article.topics[0]
            return [(self.ctx.topic_label(slug), urls.topic_uri(slug))]
        month = self.ctx.month_of(article)
        if month is not None:
            return [(labels.ARCHIVE, urls.ARCHIVE_INDEX), (self.cal.month_label(month.year, month.month), month.uri)]
        return [(labels.ARCHIVE, urls.ARCHIVE_INDEX), (labels.UNDATED, urls.UNDATED)]

    def foot_tags(self, article: Article) -> list[Tag]:
        """The article's tags for its foot: most specific first, at most eight."""
        rank = self._tag_rank
        if rank is None:
            rank = self._tag_rank = {name: (KIND_RANK.get(t.kind, 2), len(t.articles)) for name, t in self.ctx.tags.items()}
        order = {t: i for i, t in enumerate(article.tags) if t in rank}
        names = sorted(order, key=lambda t: (*rank[t], order[t]))
        return [self.ctx.tags[t] for t in names[:MAX_TAG_CHIPS]]

    def article_key(self, article: Article) -> str:
        """Everything an article's page is made of besides the code and data: the article,
        its publishers' pages, its tags on the foot, its related articles."""
        versions, version = self.ctx.versions, self.ctx.version
        return "\x1f".join([
            self.key_base(), "article", versions.get(article.id) or version(article),
            *(self.ctx.topic_label(s) for s in article.topics), "",
            *(self.ctx.source_uris.get(s, "") for s in article.sources), "",
            *(t.name + "\0" + t.uri for t in self.foot_tags(article)), "",
            *(a.id + "\0" + (versions.get(a.id) or version(a)) for a in self.ctx.related.get(article.id, [])), "",
            self.story_key(article),
        ])

    def article_page(self, article: Article) -> Page:
        uri = urls.article_uri(article)
        key = self.article_key(article)
        known = self.memo.get(uri) if self.memo is not None else None
        if known is not None and known[0] == key:
            meta, head = known[1], known[2]
        else:
            meta, head = self.article_head(article, uri)
            if self.memo is not None:
                self.memo[uri] = (key, meta, head)
        # (The page's key stands for its blocks too; the deferred one's is made again if asked.)
        return Page(meta, head + (Deferred(lambda: self.article_blocks(article, uri), lambda: self.article_key(article)),), key)

    def article_head(self, article: Article, uri: str) -> tuple[dict[str, object], tuple[Block, ...]]:
        """An article page's meta, and its blocks above the text."""
        meta = {
            # MkDocs and Material print these into HTML without escaping.
            "title": attribute(article.title),
            "description": attribute(article.summary),
            "date": article.date,
            "date_inferred": article.date_inferred,
            "sources": [attribute(s) for s in article.sources],
            "topics": article.topics,
            # An article is read, not navigated: no table of contents beside it.
            "hide": ["toc"],
            # Our own search index holds the articles (see digest/site/search.py).
            "search": {"exclude": True},
            "kind": "article",
            "jsonld": json_for_script(self.news_article(article)),
        }
        return meta, body(self.crumbs(uri, self.article_trail(article)), el("h1", labels.headline(article), class_="digest-headline"))

    def article_blocks(self, article: Article, uri: str) -> list[Markup | None]:
        """Everything of an article's page under its headline (rendered when the page is
        written: its text is held by the article already)."""
        publishers: list[Markup | str] = [
            el("a", s, href=urls.href(uri, self.ctx.source_uris[s])) for s in article.sources
        ] or [labels.UNKNOWN_SOURCE]
        line = el(
            "p", self.date_html(article, full=True), el("span", join(publishers, "، "), class_="digest-source"),
            el("span", labels.reading_time(article), class_="digest-readtime"), class_="digest-meta digest-meta--article",
        )
        lead = el("p", article.summary, class_="digest-lead") if lead_shown(article) else None
        text = el("div", [el("p", p) for p in article.body], class_="digest-body")
        share = el(
            "div", el("button", "مشاركة الخبر", type="button", class_="md-button digest-share", hidden=True,
                      data_copied="نُسخ رابط الخبر"),
            class_="digest-actions",
        )
        story = self.ctx.story_of.get(article.id)
        related = self.ctx.related.get(article.id, [])
        if story is not None:  # its versions are listed above the related articles
            related = [a for a in related if self.ctx.story_of.get(a.id) is not story]
        return [
            line, lead, text, share,
            self.story_versions(story, article, uri) if story is not None else None,
            self.article_tags(article, uri),
            el("section", el("h2", "أخبار ذات صلة"), self.cards(related, uri), class_="digest-related") if related else None,
            self.provenance(article, uri),
        ]

    def story_versions(self, story: Story, article: Article, uri: str) -> Markup:
        """On a version's page: the same story in other outlets, each with its date, the
        first report marked, and a link to the story's page (the versions compared)."""
        items = []
        for other in story.articles:
            if other is article:
                continue
            first = el("span", "أول من نشره", class_="digest-first") if other is story.first else None
            items.append(el("li", el("a", el("bdi", labels.sources_label(other)), href=urls.href(uri, urls.article_uri(other))), " ",
                            el("span", "(", self.date_html(other), ")", class_="digest-also__when"),
                            " " if first else None, first,
                            el("span", labels.headline(other), class_="digest-also__title")))
        note = "نُشر هذا الخبر أولًا هنا." if article is story.first else None
        return el(
            "section",
            el("h2", "الخبر نفسه في مصادر أخرى"),
            el("p", note) if note else None,
            el("ul", items),
            el("p", el("a", f"قارن الروايات ({labels.versions_label(len(story.articles))})", href=urls.href(uri, story.uri))),
            class_="digest-story-box",
        )

    # -- stories ----------------------------------------------------------------------------

    def story_page(self, story: Story) -> Page:
        """A story's versions side by side: each outlet's headline, date and the sentences
        found in its version only (what it adds, or how it words the story differently);
        the text they share, folded. Everything under the heading is rendered when the page
        is written (comparing the versions' sentences is most of the page's cost)."""
        uri = story.uri
        first = story.first
        meta: dict[str, object] = {"title": attribute("روايات الخبر: " + first.title), "description": attribute(first.summary),
                                   "search": {"exclude": True}, "hide": ["toc"]}
        key = self.story_page_key(story)
        head = body(self.crumbs(uri, self.article_trail(first)),
                    el("h1", labels.headline(first), " ", el("span", "روايات الخبر", class_="digest-kind")))
        return Page(meta, head + (Deferred(lambda: self.story_blocks(story), lambda: key),), key)

    def story_page_key(self, story: Story) -> str:
        first = story.first
        return "\x1f".join([self.key_base(), "story", self.story_key(first), *(self.ctx.topic_label(t) for t in first.topics[:1])])

    def story_blocks(self, story: Story) -> list[Markup | None]:
        uri = story.uri
        first = story.first
        own, shared = self.story_sentences(story)
        dated = [a.date for a in story.articles if a.date]
        span = ""
        if dated:
            lo, hi = min(dated), max(dated)
            span = (f" في {labels.full_date_label(self.cal, lo)}" if lo == hi else
                    f" بين {labels.full_date_label(self.cal, lo)} و{labels.full_date_label(self.cal, hi)}")
        intro = el("p", f"نشرت المصادر هذا الخبر في {labels.versions_label(len(story.articles))}{span}."
                        f" أول من نشره: {labels.sources_label(first)}. تحت كل رواية الجمل التي لا ترد إلا فيها.",
                   class_="digest-intro")
        columns = []
        for article in story.articles[:VERSIONS_SIDE_BY_SIDE]:
            mine = own[article.id]
            if mine:
                adds = [el("h3", f"ما تنفرد به ({labels.sentences_label(len(mine))})"),
                        el("ul", [el("li", sentence) for sentence in mine[:UNIQUE_SHOWN]])]
                if len(mine) > UNIQUE_SHOWN:
                    adds.append(el("p", el("a", "باقي الرواية", href=urls.href(uri, urls.article_uri(article))), class_="digest-more"))
            else:
                adds = [el("p", "لا تنفرد بجملة: نصها كله في روايات أخرى.", class_="digest-version__none")]
            columns.append(el(
                "article",
                el("p", el("strong", el("bdi", labels.sources_label(article))), " ", self.date_html(article),
                   " " if article is first else None, el("span", "أول من نشره", class_="digest-first") if article is first else None,
                   class_="digest-meta"),
                el("h2", el("a", labels.headline(article), href=urls.href(uri, urls.article_uri(article)))),
                *adds,
                class_="digest-version",
            ))
        rest = story.articles[VERSIONS_SIDE_BY_SIDE:]
        # Beyond those side by side: one line each (a story of many copies stays a small page).
        more = el("section", el("h2", f"روايات أخرى ({labels.versions_label(len(rest))})"), el("ul", [
            el("li", el("a", el("bdi", labels.sources_label(a)), href=urls.href(uri, urls.article_uri(a))), " ", self.date_html(a))
            for a in rest
        ]), class_="digest-versions-more") if rest else None
        common = el("details", el("summary", f"النص المشترك بين الروايات ({labels.sentences_label(len(shared))})"),
                    [el("p", sentence) for sentence in shared], class_="digest-shared") if shared else None
        return [intro, el("div", columns, class_="digest-versions"), more, common]

    @staticmethod
    def story_sentences(story: Story) -> tuple[dict[str, list[str]], list[str]]:
        """Each version's own sentences (its normal form in no other version), and the
        sentences of the first version that others share, in its order."""
        split = {a.id: [s for p in a.body for s in sentences(p)] for a in story.articles}
        forms = {ident: [normalize(s) for s in ss] for ident, ss in split.items()}
        holders: dict[str, set[str]] = {}
        for ident, fs in forms.items():
            for f in fs:
                if f:
                    holders.setdefault(f, set()).add(ident)
        own = {ident: [s for s, f in zip(split[ident], forms[ident]) if f and len(holders[f]) == 1] for ident in split}
        first = story.first.id
        seen: set[str] = set()
        shared = []
        for s, f in zip(split[first], forms[first]):
            if f and len(holders[f]) > 1 and f not in seen:
                seen.add(f)
                shared.append(s)
        return own, shared

    def article_tags(self, article: Article, uri: str) -> Markup | None:
        topics = [el("li", el("a", self.ctx.topic_label(s), href=urls.href(uri, urls.topic_uri(s)),
                              class_="digest-chip digest-chip--topic")) for s in article.topics]
        chips = [el("li", el("a", t.name, href=urls.href(uri, t.uri), class_="digest-chip")) for t in self.foot_tags(article)]
        if not topics and not chips:
            return None
        return el("section", el("h2", "وسوم"), el("ul", topics, chips, class_="digest-chips"), class_="digest-tags")

    def news_article(self, article: Article) -> dict[str, object]:
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title[:110],
            "description": article.summary,
            "inLanguage": "ar",
            "url": self.absolute(urls.article_uri(article)),
            "keywords": article.tags,
        }
        if article.date:
            data["datePublished"] = article.date
        if article.sources:
            data["publisher"] = [{"@type": "Organization", "name": s} for s in article.sources]
        return data

    def provenance(self, article: Article, uri: str) -> Markup:
        """An editorial note: the seed as scraped, and what cleaning removed from it, folded."""
        shown = [r for r in article.removed if r.kind in labels.REMOVED_LABELS]
        note = el(
            "p", "نُقّح هذا الخبر من صفحته الأصلية: حُذفت منها عناصر الموقع وبقي نص الخبر كما ورد. ",
            el("a", "النص الأصلي كما جُمع", href=urls.href(uri, urls.raw_uri(article)), class_="digest-raw-link"),
        )
        removed = None
        if shown:
            removed = el(
                "details",
                el("summary", f"ما حُذف من النص الأصلي ({labels.lines_label(len(shown))})"),
                el("ul", [el("li", el("strong", labels.REMOVED_LABELS[r.kind] + ":"), " ", el("bdi", r.text)) for r in shown]),
            )
        return el("aside", note, removed, class_="digest-provenance", aria_label="ملاحظة تحريرية")

    # -- listings -----------------------------------------------------------------------------

    def topic_pages(self, slug: str) -> dict[str, Page]:
        """The topic's articles (those it is part of the subject of) as a timeline by year and
        month, each with its evidence and the matched phrase marked; then the newest articles
        that name it only in passing, and a paginated listing of all of them."""
        topic = self.ctx.taxonomy.topic_by_slug[slug]
        articles = self.ctx.by_topic.get(slug, [])
        mentions = self.ctx.by_mention.get(slug, [])

        def item(article: Article, uri: str) -> Markup:
            quotes = [el("p", mark_phrases(q, topic.patterns)) for q in article.evidence.get(slug, [])]
            if not quotes:
                return self.card(article, uri)
            card = self.card(article, uri, excerpt=False)  # the evidence says more than the lead
            return Markup(card.removesuffix("</article>")) + el("blockquote", quotes, class_="digest-evidence") + Markup("</article>")

        feed = el("a", "خلاصة الموضوع", href=urls.href(urls.topic_uri(slug), urls.topic_feed(slug)),
                  class_="digest-feed", type="application/rss+xml")
        intro = [el("p", topic.description, class_="digest-intro"),
                 el("p", el("strong", labels.count_label(len(articles))), "، بترتيب زمني من الأحدث. ", feed)]
        first = urls.topic_uri(slug)
        trail = [(labels.TOPICS, urls.TOPICS_INDEX)]
        item_key = "\0".join(["topic", slug, *topic.patterns])  # the phrases its cards mark
        out = self.listing(first, articles, topic.label, trail, intro, item, item_key, topic.description, PAGE_SIZE,
                           by_month=True, extra_meta={"feed": urls.topic_feed(slug)})
        if mentions:
            more = urls.mentions_uri(slug)
            shown = self.ctx.collapsed(mentions)
            section = el(
                "section",
                el("h2", f"ذُكر الموضوع عرضًا ({labels.count_label(len(mentions))})"),
                el("p", "أخبار موضوعها غير ذلك، تذكر الموضوع في جملة عابرة."),
                self.cards(shown[:MENTIONS_SHOWN], first, item, stories=True),
                el("p", el("a", "كل الأخبار التي تذكره عرضًا", href=urls.href(first, more))) if len(shown) > MENTIONS_SHOWN else None,
                class_="digest-mentions",
            )
            page = out[first]
            out[first] = Page(page.meta, page.blocks + body(section))
            out.update(self.listing(
                more, mentions, f"{topic.label}: ذُكر عرضًا", trail + [(topic.label, first)],
                [el("p", f"أخبار تذكر «{topic.label}» في جملة عابرة، الأحدث أولًا.")], item, item_key, topic.description, PAGE_SIZE,
            ))
        return out

    def topics_index(self) -> Page:
        blocks: list[Markup | str | None] = [self.crumbs(urls.TOPICS_INDEX, []), el("h1", labels.TOPICS)]
        for topic in self.ctx.taxonomy.topics:
            n = len(self.ctx.by_topic.get(topic.slug, []))
            blocks.append(el(
                "section",
                el("h2", el("a", topic.label, href=urls.href(urls.TOPICS_INDEX, urls.topic_uri(topic.slug)))),
                el("p", topic.description, " ", el("span", f"({labels.count_label(n)})", class_="digest-count")),
                class_="digest-topic-summary",
            ))
        return Page({"title": labels.TOPICS, "search": {"exclude": True}, "hide": ["toc"]}, body(*blocks))

    def tag_pages(self, tag: Tag) -> dict[str, Page]:
        entity = tag.entity
        intro: list[Markup | str] = []
        if entity is not None:
            intro.append(el("p", entity.description, class_="digest-intro"))
            names = self.display_names(entity)
            if names:
                intro.append(el("p", "يُكتب أيضًا: ", join((el("bdi", n) for n in names), "، "), class_="digest-names"))
        intro.append(el("p", el("strong", labels.count_label(len(tag.articles))), "، الأحدث أولًا."))
        return self.listing(
            tag.uri, tag.articles, tag.name, [(labels.TAGS, urls.TAGS_INDEX)], intro,
            description=entity.description if entity else "", chip=labels.KIND_LABELS.get(tag.kind),
        )

    @staticmethod
    def display_names(entity: Entity) -> list[str]:
        """The spellings a reader would recognise (the taxonomy's ``names``), not the search
        aliases."""
        return [n for n in entity.names if n != entity.label][:MAX_NAMES_SHOWN]

    def tags_index(self) -> Page:
        here = urls.TAGS_INDEX
        groups: dict[str, list[Tag]] = {}
        for tag in self.ctx.tags.values():
            groups.setdefault(tag.kind, []).append(tag)
        blocks: list[Markup | str | None] = [
            self.crumbs(here, []), el("h1", labels.TAGS),
            el("p", "الأشخاص والدول والمدن والمنظمات والكلمات التي تذكرها الأخبار. اختر وسمًا لترى أخباره؛"
                    " الرقم عدد أخباره."),
        ]
        for kind, heading in labels.KIND_GROUPS.items():
            tags = sorted(groups.get(kind, []), key=lambda t: (-len(t.articles), t.name))
            if not tags:
                continue
            chips = [self.count_chip(t.name, len(t.articles), urls.href(here, t.uri)) for t in tags]
            blocks += [f"## {heading}", el("ul", chips, class_="digest-chips")]
        return Page({"title": labels.TAGS, "search": {"exclude": True}}, body(*blocks))

    def sources_pages(self) -> dict[str, Page]:
        out = {}
        here = urls.SOURCES_INDEX
        by_source = self.ctx.by_source
        names = sorted(by_source, key=lambda s: (-len(by_source[s]), s))
        chips = [self.count_chip(name, len(by_source[name]), urls.href(here, self.ctx.source_uris[name])) for name in names]
        for name in names:
            intro = [el("p", el("strong", labels.count_label(len(by_source[name]))), " من هذا المصدر، الأحدث أولًا.")]
            out.update(self.listing(self.ctx.source_uris[name], by_source[name], name,
                                    [(labels.SOURCES, here)], intro))
        out[here] = Page({"title": labels.SOURCES, "search": {"exclude": True}}, body(
            self.crumbs(here, []), el("h1", labels.SOURCES),
            el("p", "الجهات التي نشرت الأخبار، مع عدد أخبار كل منها."),
            el("ul", chips, class_="digest-chips") if chips else None,
        ))
        return out

    def archive_pages(self) -> dict[str, Page]:
        out: dict[str, Page] = {}
        here = urls.ARCHIVE_INDEX
        blocks: list[Markup | str | None] = [
            self.crumbs(here, []), el("h1", labels.ARCHIVE),
            el("p", f"{labels.count_label(len(self.ctx.ordered))}، حسب السنة والشهر."),
        ]
        year_chips: list[Markup] = []
        current = None
        for month in self.ctx.months:
            if month.year != current:
                if year_chips:
                    blocks.append(el("ul", year_chips, class_="digest-chips"))
                    year_chips = []
                blocks.append(f"## {month.year}")
                current = month.year
            label = self.cal.month_label(month.year, month.month)
            year_chips.append(self.count_chip(label, len(month.articles), urls.href(here, month.uri)))
            out.update(self.month_pages(month))
        if year_chips:
            blocks.append(el("ul", year_chips, class_="digest-chips"))
        if self.ctx.undated:
            n = len(self.ctx.undated)
            blocks += [f"## {labels.UNDATED}",
                       el("p", el("a", "أخبار دون تاريخ", href=urls.href(here, urls.UNDATED)), f" ({labels.count_label(n)})")]
            intro = [el("p", "أخبار لا يذكر نصها تاريخ نشرها.")]
            out.update(self.listing(urls.UNDATED, self.ctx.undated, f"{labels.ARCHIVE}: {labels.UNDATED}",
                                    [(labels.ARCHIVE, here)], intro))
        out[here] = Page({"title": labels.ARCHIVE, "search": {"exclude": True}}, body(*blocks))
        return out

    def month_pages(self, month: Month) -> dict[str, Page]:
        label = self.cal.month_label(month.year, month.month)
        older, newer = self.ctx.neighbours(month)
        links = []
        if newer is not None:
            links.append(el("a", "الأحدث: " + self.cal.month_label(newer.year, newer.month),
                            href=urls.href(month.uri, newer.uri), rel="next", class_="digest-month-newer"))
        if older is not None:
            links.append(el("a", "الأقدم: " + self.cal.month_label(older.year, older.month),
                            href=urls.href(month.uri, older.uri), rel="prev", class_="digest-month-older"))
        nav = el("nav", links, class_="digest-months", aria_label="الشهور") if links else None
        intro = [el("p", el("strong", labels.count_label(len(month.articles))), "، الأحدث أولًا."), nav]
        pages = self.listing(month.uri, month.articles, f"{labels.ARCHIVE}: {label}", [(labels.ARCHIVE, urls.ARCHIVE_INDEX)],
                             [i for i in intro if i is not None])
        if nav is not None and len(pages) == 1 and len(month.articles) > 5:
            page = pages[month.uri]
            pages[month.uri] = Page(page.meta, page.blocks + body(nav))
        return pages

    def timeline(self) -> Page:
        here = urls.TIMELINE
        blocks: list[Markup | str | None] = [
            self.crumbs(here, []), el("h1", labels.TIMELINE),
            el("p", "الأحداث المؤرخة التي تذكرها أخبار عدة، بترتيب وقوعها، مع الجملة التي تذكر كلًا منها."
                    " التواريخ مأخوذة من نصوص الأخبار كما وردت."),
        ]
        current_year = None
        for iso, citations in self.ctx.key_dates.items():
            if iso[:4] != current_year:
                current_year = iso[:4]
                blocks.append(f"## {current_year}")
            items = []
            for citation in citations[:MAX_CITATIONS_SHOWN]:
                a = citation.article
                items.append(el(
                    "article",
                    el("p", el("a", labels.headline(a), href=urls.href(here, urls.article_uri(a)))),
                    el("p", self.date_html(a), el("span", labels.sources_label(a), class_="digest-source"), class_="digest-meta"),
                    el("blockquote", el("p", citation.sentence)),
                    class_="digest-citation",
                ))
            blocks.append(el("section", el("h3", labels.full_date_label(self.cal, iso)),
                             el("p", f"يذكره {labels.count_label(len(citations), 'خبر', 'خبران', 'أخبار', 'خبرًا')}.",
                                class_="digest-meta"), items, class_="digest-keydate"))
        if not self.ctx.key_dates:
            blocks.append(el("p", "لا توجد بعد تواريخ يذكرها أكثر من خبر."))
        return Page({"title": labels.TIMELINE, "search": {"exclude": True}}, body(*blocks))

    def home(self) -> Page:
        here = urls.HOME
        ordered = self.ctx.collapsed(self.ctx.ordered)  # each story once
        blocks: list[Markup | str | None] = [
            # The header carries the wordmark: the page's heading is for screen readers.
            el("h1", labels.SITE_NAME, class_="md-visually-hidden"),
        ]
        if ordered:
            lead = ordered[0]
            blocks.append(el(
                "article",
                el("h2", el("a", labels.headline(lead), href=urls.href(here, urls.article_uri(lead)))),
                el("p", self.date_html(lead, full=True), el("span", labels.sources_label(lead), class_="digest-source"),
                   class_="digest-meta"),
                el("p", labels.excerpt(lead), class_="digest-excerpt") if labels.excerpt(lead) else None,
                self.others(self.ctx.story_of[lead.id], lead, here) if lead.id in self.ctx.story_of else None,
                class_="digest-lead-story",
            ))
        topics = []
        for topic in self.ctx.taxonomy.topics:
            articles = self.ctx.by_topic.get(topic.slug, [])
            if not articles:
                continue
            target = urls.href(here, urls.topic_uri(topic.slug))
            # The lead story is not repeated in the blocks under it.
            newest = [a for a in self.ctx.collapsed(articles[: 4 * TOPIC_BLOCK]) if a is not ordered[0]][:TOPIC_BLOCK]
            topics.append(el(
                "section",
                el("h3", el("a", topic.label, href=target)),
                self.cards(newest, here, stories=True),
                el("p", el("a", f"كل أخبار الموضوع ({labels.count_label(len(articles))})", href=target), class_="digest-more"),
                class_="digest-topic-block",
            ))
        if topics:
            blocks += ["## " + labels.TOPICS, el("div", topics, class_="digest-topic-blocks")]
        latest = ordered[1 : 1 + LATEST_ON_HOME]
        if latest:
            blocks += ["## آخر الأخبار", self.cards(latest, here, stories=True)]
        blocks.append(el(
            "nav",
            join([el("a", labels.ARCHIVE, href=urls.href(here, urls.ARCHIVE_INDEX)),
                  el("a", labels.TAGS, href=urls.href(here, urls.TAGS_INDEX)),
                  el("a", labels.SOURCES, href=urls.href(here, urls.SOURCES_INDEX)),
                  el("a", labels.TIMELINE, href=urls.href(here, urls.TIMELINE)),
                  el("a", "خلاصة الموجز", href=urls.FEED, type="application/rss+xml")], " · "),
            class_="digest-sections", aria_label="أقسام الموجز",
        ))
        blocks.append(el("p", "موجز إخباري بالعربية يتابع روسيا وأرمينيا وأذربيجان في جنوب القوقاز: أخبار منقحة"
                              " من مصادرها، مرتبة حسب الموضوع والتاريخ، مع ذكر مصدر كل خبر.", class_="digest-tagline"))
        return Page({"title": labels.SITE_NAME, "search": {"exclude": True}, "hide": ["toc"]}, body(*blocks))

    # -- the whole site -------------------------------------------------------------------------

    def raw_key(self, article: Article) -> str:
        return "\x1f".join([self.key_base(), "raw", self.ctx.version(article)])

    def pages(self) -> dict[str, Page | str | Callable[[], str]]:
        """Every generated page of the site, keyed by its source URI, and the raw seeds."""
        pages: dict[str, Page | str | Callable[[], str]] = {urls.HOME: self.home(), urls.TOPICS_INDEX: self.topics_index(),
                                        urls.TAGS_INDEX: self.tags_index(), urls.TIMELINE: self.timeline()}
        for topic in self.ctx.taxonomy.topics:
            pages.update(self.topic_pages(topic.slug))
        for tag in self.ctx.tags.values():
            pages.update(self.tag_pages(tag))
        pages.update(self.sources_pages())
        pages.update(self.archive_pages())
        for uri in set(self.memo or ()) - {urls.article_uri(a) for a in self.ctx.ordered}:
            del self.memo[uri]  # type: ignore[union-attr]  # an article gone
        for story in self.ctx.stories:
            pages[story.uri] = self.story_page(story)
        for article in self.ctx.ordered:
            pages[urls.article_uri(article)] = self.article_page(article)
            # Made when written (every seed's text again, as HTML): see SiteBuild.files.
            pages[urls.raw_uri(article)] = LazyText(partial(raw_page, article, self.site_url and self.absolute(urls.article_uri(article))),
                                                    partial(self.raw_key, article))
        return pages
