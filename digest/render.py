"""Rendering: articles and the taxonomy → the site's Markdown pages, as ``{src_uri: Page}``.

Pure Python, no MkDocs: the hook hands these to MkDocs as virtual files, and
``python -m digest export`` can write them to a folder for any engine that reads Markdown.
Every piece of seed text goes through :mod:`digest.escape`.

Every listing (a topic, a tag, a publisher, a month of the archive) is split into pages of
at most :data:`PAGE_SIZE` articles, so that no page grows with the size of the digest.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

import yaml

from .language.dates import Calendar
from .language.escape import attribute, inline
from .model import Article, Kind
from .feeds import rss
from .order import newest_first
from .related import related_articles
from .language.normalize import normalize
from .taxonomy import Entity, Taxonomy
from .timeline import Citation, key_dates

HOME = "index.md"
TOPICS_INDEX = "topics/index.md"
ARCHIVE_INDEX = "archive/index.md"
SOURCES_INDEX = "sources/index.md"
TAGS_PAGE = "tags.md"
LATEST_ON_HOME = 10
PAGE_SIZE = 50  # articles per listing page (topic pages carry evidence quotes)
TAG_PAGE_SIZE = 150  # tag and publisher pages carry one line per article
TIMELINE = "timeline/index.md"
FEED = "feed.xml"
KIND_LABELS = {"person": "شخصية", "place": "مكان", "organisation": "منظمة"}
MAX_CITATIONS_SHOWN = 5
MENTIONS_SHOWN = 10  # on a topic's first page; the rest on its mentions listing
# What the folded "removed" list calls each kind of line (the title and subtitle are shown
# as such, not listed).
REMOVED_LABELS = {
    Kind.DUPLICATE_TITLE: "عنوان مكرر", Kind.DUPLICATE: "فقرة مكررة", Kind.KICKER: "عنوان فرعي علوي",
    Kind.DATELINE: "سطر التاريخ", Kind.DATE_WIDGET: "تاريخ أو ساعة الصفحة لا النشر",
    Kind.SOURCE: "سطر المصدر", Kind.BYLINE: "اسم الكاتب", Kind.CAPTION: "تعليق صورة",
    Kind.PHOTO_CREDIT: "حقوق الصورة", Kind.KEYWORDS: "كلمات دلالية", Kind.HASHTAGS: "وسوم",
    Kind.TAG_LINE: "سطر وسم", Kind.MASTHEAD: "ترويسة الموقع", Kind.NAVIGATION: "قوائم التنقل",
    Kind.TICKER: "شريط أخبار", Kind.SUBSCRIBE: "دعوة إلى المتابعة والاشتراك",
    Kind.SCRAPER: "أثر أداة الجمع", Kind.WIDGET: "أزرار المشاركة والتنقل",
    Kind.TEASER: "عنوان خبر آخر", Kind.READ_ALSO: "«اقرأ أيضًا» وما بعده",
    Kind.RELATED: "مقالات مشابهة", Kind.FOOTER: "تذييل الموقع",
}


UNKNOWN_SOURCE = "مصدر غير معروف"


def sources_html(article: Article) -> str:
    """Publishers for raw HTML blocks."""
    return html.escape("، ".join(article.sources)) if article.sources else UNKNOWN_SOURCE


def raw_uri(article: Article) -> str:
    return f"raw/{article.id}.txt"


def json_for_script(data: object) -> str:
    """JSON that cannot close its <script> element or open another."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def article_uri(article: Article) -> str:
    return f"articles/{article.id}.md"


def topic_uri(slug: str) -> str:
    return f"topics/{slug}/index.md"


def link(from_uri: str, to_uri: str) -> str:
    """Relative link between two source files, as MkDocs resolves (and validates) them:
    ``posixpath.relpath(to_uri, dirname(from_uri))`` for our plain relative URIs, computed
    on the strings (relpath makes both absolute first; this runs for every listing link)."""
    base = from_uri.split("/")[:-1]
    target = to_uri.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def href(from_uri: str, to_uri: str) -> str:
    """Relative URL between the built pages of two source files, for raw HTML (MkDocs only
    rewrites links that Markdown produced): up to the site root, then down to the target.
    (String work only: this runs for every entry of every listing.)"""
    return "../" * page_url(from_uri).count("/") + page_url(to_uri)


def page_url(uri: str) -> str:
    """The URL MkDocs gives a source file (use_directory_urls)."""
    if uri.endswith("index.md"):
        return uri[: -len("index.md")]
    return uri[: -len(".md")] + "/"


def ascii_slug(name: str) -> str:
    """An ASCII slug for a name; Arabic names get a stable digest of their normal form."""
    slug = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
    return slug or "t-" + hashlib.sha1(normalize(name).encode("utf-8")).hexdigest()[:10]


def count_label(n: int, one: str = "مقال", two: str = "مقالان", few: str = "مقالات", many: str = "مقالًا") -> str:
    """Arabic number agreement: مقال واحد، مقالان، 3 مقالات، 11 مقالًا."""
    if n == 0:
        return f"لا {few}"
    if n == 1:
        return f"{one} واحد"
    if n == 2:
        return two
    if 3 <= n % 100 <= 10:
        return f"{n} {few}"
    return f"{n} {many}"


# libyaml's C emitter when PyYAML has it (same output, many times faster than pure Python).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, object]) -> str:
    text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + text + "---\n\n"


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: its front matter as data, and its Markdown body.

    The hook gives MkDocs ``meta`` as it is (MkDocs would otherwise parse YAML it was just
    handed as YAML); :meth:`text` is the page as a Markdown file, for ``digest export``."""

    meta: dict[str, object]
    body: str

    def text(self) -> str:
        return front_matter(self.meta) + self.body


def paginate(directory: str, items: list[Article], size: int = PAGE_SIZE) -> list[tuple[str, list[Article]]]:
    """``directory/index.md`` for the first ``size`` items, ``directory/page/N.md`` after."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    return [
        (f"{directory}/index.md" if n == 1 else f"{directory}/page/{n}.md", chunk)
        for n, chunk in enumerate(chunks, 1)
    ]


@dataclass(frozen=True)
class TagPage:
    name: str
    uri: str
    articles: list[Article]
    entity: Entity | None = None


@dataclass
class SiteRenderer:
    taxonomy: Taxonomy
    calendar: Calendar
    site_url: str = ""
    tag_pages: dict[str, TagPage] = field(default_factory=dict)
    source_uris: dict[str, str] = field(default_factory=dict)
    related: dict[str, list[Article]] = field(default_factory=dict)
    # article id → the part of its list entry that does not depend on the page listing it
    # (every article is listed on a dozen pages: tags, topic, publisher, month, related).
    _entries: dict[str, str] = field(default_factory=dict, repr=False)

    def absolute(self, uri: str) -> str:
        url = page_url(uri) if uri.endswith(".md") else uri
        return (self.site_url.rstrip("/") + "/" + url) if self.site_url else url

    # -- shared pieces -----------------------------------------------------------------------

    def date_text(self, article: Article) -> str:
        text = self.calendar.display(article.date)
        return f"{text} (تاريخ تقديري)" if article.date_inferred else text

    def article_item(self, article: Article, from_uri: str) -> str:
        """One article in a list, as raw HTML (rendered by Python-Markdown without parsing)."""
        entry = self._entries.get(article.id)
        if entry is None:
            entry = f"{html.escape(article.title)}</a> — {self.date_text(article)} · {sources_html(article)}</li>"
            self._entries[article.id] = entry
        return f'<li><a href="{href(from_uri, article_uri(article))}">{entry}'

    def article_list(self, articles: list[Article], from_uri: str) -> list[str]:
        if not articles:
            return []
        return ['<ul class="digest-list">', *(self.article_item(a, from_uri) for a in articles), "</ul>", ""]

    def pager(self, pages: list[str], n: int) -> list[str]:
        """Bounded navigation between the pages of a listing: first, previous, next, last."""
        if len(pages) == 1:
            return []
        here = pages[n - 1]
        parts = []
        if n > 1:
            parts += [f"[الأولى]({link(here, pages[0])})", f"[السابقة]({link(here, pages[n - 2])})"]
        parts.append(f"الصفحة {n} من {len(pages)}")
        if n < len(pages):
            parts += [f"[التالية]({link(here, pages[n])})", f"[الأخيرة]({link(here, pages[-1])})"]
        return ["---", "", " · ".join(parts), ""]

    def listing(
        self,
        directory: str,
        articles: list[Article],
        title: str,
        intro: list[str],
        item: Callable[[Article, str], list[str]] | None = None,
        description: str = "",
        size: int = PAGE_SIZE,
        extra_meta: dict[str, object] | None = None,
    ) -> dict[str, Page]:
        """The pages of one listing of ``articles`` (newest first, as given), with the intro
        on the first page."""
        # Every list handed here was grouped from the newest-first order (see pages()).
        pages = paginate(directory, articles, size)
        uris = [uri for uri, _ in pages]
        out = {}
        for n, (uri, chunk) in enumerate(pages, 1):
            heading = inline(title) if n == 1 else f"{inline(title)} (الصفحة {n})"
            lines = [f"# {heading}", ""] + (intro if n == 1 else [])
            if item is None:
                lines += self.article_list(chunk, uri)
            else:
                for article in chunk:
                    lines += item(article, uri)
            lines += self.pager(uris, n)
            meta: dict[str, object] = {**(extra_meta or {}), "title": attribute(title if n == 1 else f"{title} ({n})"),
                                       "search": {"exclude": True}}
            if description:
                meta["description"] = attribute(description)
            out[uri] = Page(meta, "\n".join(lines))
        return out

    # -- pages ---------------------------------------------------------------------------------

    def article_page(self, article: Article) -> Page:
        uri = article_uri(article)
        meta = {
            # MkDocs and Material print these into HTML without escaping.
            "title": attribute(article.title),
            "description": attribute(article.summary),
            "date": article.date,
            "date_inferred": article.date_inferred,
            "sources": [attribute(s) for s in article.sources],
            "tags": article.tags,
            "topics": article.topics,
            # Our own search index holds the articles (see digest/search.py).
            "search": {"exclude": True},
            "kind": "article",
            "jsonld": json_for_script(self.news_article(article)),
        }
        # Raw HTML wherever seed text or links appear: Python-Markdown gets the two constant
        # headings only (they make the page's table of contents), and no inline work.
        lines = [f"<h1>{html.escape(article.title)}</h1>", ""]
        source_label = "المصادر" if len(article.sources) > 1 else "المصدر"
        lines += [
            f'<p class="digest-meta"><span>التاريخ: {self.date_text(article)}</span>'
            f" · <span>{source_label}: {sources_html(article)}</span></p>",
            "",
        ]
        if article.summary and article.summary not in article.body:
            lines += [f'<p class="digest-lead">{inline(article.summary)}</p>', ""]
        # The body as one raw HTML block: escaped text, no Markdown parsing at all.
        lines += ['<div class="digest-body">', *(f"<p>{html.escape(p)}</p>" for p in article.body), "</div>", ""]
        if article.topics:
            lines += ["## المواضيع", ""]
            items = "".join(
                f'<li><a href="{href(uri, topic_uri(slug))}">{html.escape(self.taxonomy.topic_by_slug[slug].label)}</a></li>'
                for slug in article.topics
            )
            lines += [f"<ul>{items}</ul>", ""]
        if article.sources:
            publishers = "، ".join(
                f'<a href="{href(uri, self.source_uris[s])}">{html.escape(s)}</a>' for s in article.sources
            )
            lines += [f"<p>{source_label}: {publishers}</p>", ""]
        related = self.related.get(article.id, [])
        if related:
            lines += ["## مقالات ذات صلة", ""] + self.article_list(related, uri)
        lines += self.provenance(article, uri)
        return Page(meta, "\n".join(lines))

    def news_article(self, article: Article) -> dict[str, object]:
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title[:110],
            "description": article.summary,
            "inLanguage": "ar",
            "url": self.absolute(article_uri(article)),
            "keywords": article.tags,
        }
        if article.date:
            data["datePublished"] = article.date
        if article.sources:
            data["publisher"] = [{"@type": "Organization", "name": s} for s in article.sources]
        return data

    def provenance(self, article: Article, uri: str) -> list[str]:
        """A link to the seed as scraped, and what cleaning removed from it, folded."""
        shown = [r for r in article.removed if r.kind in REMOVED_LABELS]
        lines = [
            '<div class="digest-provenance">',
            f'<p><a href="{posixpath.relpath(raw_uri(article), page_url(uri).rstrip("/"))}" type="text/plain">'
            "النص الأصلي كما جُمع</a></p>",
        ]
        if shown:
            lines.append(f"<details><summary>ما حُذف من النص الأصلي ({count_label(len(shown), 'سطر', 'سطران', 'أسطر', 'سطرًا')})</summary><ul>")
            lines += [f"<li><strong>{REMOVED_LABELS[r.kind]}:</strong> {html.escape(r.text)}</li>" for r in shown]
            lines.append("</ul></details>")
        return lines + ["</div>", ""]

    def timeline(self, dates: dict[str, list[Citation]]) -> Page:
        lines = [
            "# التواريخ المفصلية",
            "",
            "الأحداث المؤرخة التي تذكرها مقالات عدة، بترتيب وقوعها، مع الجملة التي تذكر كلًا منها."
            " التواريخ مأخوذة من نصوص المقالات كما وردت.",
            "",
        ]
        current_year = None
        for iso, citations in dates.items():
            year = iso[:4]
            if year != current_year:
                lines += [f"## {year}", ""]
                current_year = year
            lines += [f"### {self.calendar.display(iso)}", "", f"يذكره {count_label(len(citations))}.", ""]
            for citation in citations[:MAX_CITATIONS_SHOWN]:
                a = citation.article
                lines.append(
                    f'<section class="digest-item"><p><a href="{href(TIMELINE, article_uri(a))}">{html.escape(a.title)}</a>'
                    f' <span class="digest-meta">— {self.date_text(a)}</span></p>'
                    f"<blockquote><p>{html.escape(citation.sentence)}</p></blockquote></section>"
                )
            lines.append("")
        if not dates:
            lines += ["لا توجد بعد تواريخ يذكرها أكثر من مقال.", ""]
        return Page({"title": "التواريخ المفصلية", "search": {"exclude": True}}, "\n".join(lines))

    def feeds(self, articles: list[Article], by_topic: dict[str, list[Article]]) -> dict[str, str]:
        label = lambda slug: self.taxonomy.topic_by_slug[slug].label  # noqa: E731
        url_of = lambda a: self.absolute(article_uri(a))  # noqa: E731
        out = {FEED: rss("موجز القوقاز", self.absolute(HOME), "أحدث مقالات موجز القوقاز", articles, url_of, label)}
        for topic in self.taxonomy.topics:
            out[f"topics/{topic.slug}/feed.xml"] = rss(
                f"موجز القوقاز: {topic.label}", self.absolute(topic_uri(topic.slug)), topic.description,
                by_topic.get(topic.slug, []), url_of, label,
            )
        return out

    def topic_pages(self, slug: str, articles: list[Article], mentions: list[Article] = ()) -> dict[str, Page]:  # type: ignore[assignment]
        """The topic's articles (those it is part of the subject of), newest first, each with
        its evidence; then, under a heading of their own, the newest articles that name it
        only in passing, and a paginated listing of all of them."""
        topic = self.taxonomy.topic_by_slug[slug]

        def item(article: Article, uri: str) -> list[str]:
            quotes = "".join(f"<p>{html.escape(q)}</p>" for q in article.evidence.get(slug, []))
            return [
                f'<section class="digest-item"><h3><a href="{href(uri, article_uri(article))}">'
                f"{html.escape(article.title)}</a></h3>"
                f'<p class="digest-meta">{self.date_text(article)} · {sources_html(article)}</p>'
                + (f"<blockquote>{quotes}</blockquote>" if quotes else "")
                + "</section>",
                "",
            ]

        intro = [
            inline(topic.description), "",
            f"**{count_label(len(articles))}**، الأحدث أولًا. [تابع هذا الموضوع (RSS)](feed.xml)", "",
        ]
        # Every page of the topic announces the topic's feed in its <head>.
        feed = {"feed": f"topics/{slug}/feed.xml"}
        directory = posixpath.dirname(topic_uri(slug))
        out = self.listing(directory, articles, topic.label, intro, item, topic.description, extra_meta=feed)
        if mentions:
            first = topic_uri(slug)
            more = f"{directory}/mentions/index.md"
            lines = ["", f"## ذُكر الموضوع عرضًا ({count_label(len(mentions))})", "",
                     "مقالات موضوعها غير ذلك، تذكر الموضوع في جملة عابرة.", ""]
            for article in mentions[:MENTIONS_SHOWN]:
                lines += item(article, first)
            if len(mentions) > MENTIONS_SHOWN:
                lines += [f"[كل المقالات التي تذكره عرضًا]({link(first, more)})", ""]
            page = out[first]
            out[first] = Page(page.meta, page.body + "\n" + "\n".join(lines))
            out.update(self.listing(
                f"{directory}/mentions", mentions, f"{topic.label}: ذُكر عرضًا",
                [f"مقالات تذكر «{inline(topic.label)}» في جملة عابرة، الأحدث أولًا. "
                 f"[مقالات الموضوع]({link(more, first)})", ""], item, topic.description,
            ))
        return out

    def topics_index(self, by_topic: dict[str, list[Article]]) -> Page:
        lines = ["# المواضيع", ""]
        for topic in self.taxonomy.topics:
            n = len(by_topic.get(topic.slug, []))
            lines += [
                f"## [{inline(topic.label)}]({link(TOPICS_INDEX, topic_uri(topic.slug))})",
                "",
                f"{inline(topic.description)} ({count_label(n)})",
                "",
            ]
        return Page({"title": "المواضيع", "search": {"exclude": True}}, "\n".join(lines))

    def tag_pages_for(self, tag: TagPage) -> dict[str, Page]:
        entity = tag.entity
        intro = []
        if entity is not None:
            intro += [f"{KIND_LABELS[entity.kind]}. {inline(entity.description)}", ""]
            others = [a for a in entity.aliases if a != entity.label]
            if others:
                intro += ["يرد أيضًا باسم: " + "، ".join(inline(a) for a in others), ""]
        intro += [f"**{count_label(len(tag.articles))}**، الأحدث أولًا.", ""]
        description = entity.description if entity else ""
        return self.listing(posixpath.dirname(tag.uri), tag.articles, tag.name, intro, None, description, TAG_PAGE_SIZE)

    def sources_pages(self, by_source: dict[str, list[Article]]) -> dict[str, Page]:
        out = {}
        lines = ["# المصادر", "", "الجهات التي نشرت المقالات، مع عدد مقالات كل منها.", ""]
        for name in sorted(by_source, key=lambda s: (-len(by_source[s]), s)):
            uri = self.source_uris[name]
            lines.append(f"- [{inline(name)}]({link(SOURCES_INDEX, uri)}) — {count_label(len(by_source[name]))}")
            intro = [f"**{count_label(len(by_source[name]))}** من هذا المصدر، الأحدث أولًا.", ""]
            out.update(self.listing(posixpath.dirname(uri), by_source[name], name, intro, size=TAG_PAGE_SIZE))
        out[SOURCES_INDEX] = Page({"title": "المصادر", "search": {"exclude": True}}, "\n".join(lines + [""]))
        return out

    def archive_pages(self, articles: list[Article]) -> dict[str, Page]:
        by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
        undated = []
        for article in articles:
            if article.date:
                year, month, _ = (int(x) for x in article.date.split("-"))
                by_month[(year, month)].append(article)
            else:
                undated.append(article)
        out: dict[str, Page] = {}
        lines = ["# الأرشيف", "", f"{count_label(len(articles))}، حسب السنة والشهر.", ""]
        current_year = None
        for year, month in sorted(by_month, reverse=True):
            if year != current_year:
                lines += ["", f"## {year}", ""]
                current_year = year
            label = self.calendar.month_label(year, month)
            directory = f"archive/{year}/{month:02d}"
            lines.append(f"- [{label}]({link(ARCHIVE_INDEX, directory + '/index.md')}) — {count_label(len(by_month[(year, month)]))}")
            out.update(self.listing(directory, by_month[(year, month)], f"الأرشيف: {label}", []))
        if undated:
            lines += ["", "## تاريخ غير معروف", ""]
            lines.append(f"- [مقالات بلا تاريخ]({link(ARCHIVE_INDEX, 'archive/undated/index.md')}) — {count_label(len(undated))}")
            intro = ["مقالات لا يذكر نصها تاريخ نشرها.", ""]
            out.update(self.listing("archive/undated", undated, "الأرشيف: تاريخ غير معروف", intro))
        out[ARCHIVE_INDEX] = Page({"title": "الأرشيف", "search": {"exclude": True}}, "\n".join(lines + [""]))
        return out

    def home(self, articles: list[Article], by_topic: dict[str, list[Article]]) -> Page:
        lines = [
            "# موجز القوقاز",
            "",
            "موجز إخباري بالعربية يتابع روسيا وأرمينيا وأذربيجان في جنوب القوقاز: مقالات منقحة من"
            " مصادرها، مرتبة حسب المواضيع والتاريخ، مع ذكر مصدر كل خبر.",
            "",
            "## المواضيع",
            "",
        ]
        for topic in self.taxonomy.topics:
            n = len(by_topic.get(topic.slug, []))
            lines.append(f"- [{inline(topic.label)}]({link(HOME, topic_uri(topic.slug))}) — {count_label(n)}")
        lines += ["", "## أحدث المقالات", ""]
        lines += self.article_list(newest_first(articles)[:LATEST_ON_HOME], HOME)
        lines += [
            "",
            f"[الأرشيف]({link(HOME, ARCHIVE_INDEX)}) · [الوسوم والأعلام]({link(HOME, TAGS_PAGE)})"
            f" · [المصادر]({link(HOME, SOURCES_INDEX)}) · [التواريخ المفصلية]({link(HOME, TIMELINE)})"
            f" · [تابع الموجز (RSS)]({FEED})",
            "",
        ]
        return Page({"title": "موجز القوقاز", "search": {"exclude": True}}, "\n".join(lines))

    # -- the whole site -------------------------------------------------------------------------

    def plan(self, articles: list[Article]) -> None:
        """Decide the URL of every tag and publisher page before any page links to one."""
        self._entries = {}
        entity_by_label = {e.label: e for e in self.taxonomy.entities}
        by_tag: dict[str, list[Article]] = defaultdict(list)
        for article in newest_first(articles):
            for tag in article.tags:
                by_tag[tag].append(article)
        used: set[str] = set()
        self.tag_pages = {}
        for name in sorted(by_tag):
            entity = entity_by_label.get(name)
            slug = entity.slug if entity else ascii_slug(name)
            while slug in used:
                slug += "-x"
            used.add(slug)
            self.tag_pages[name] = TagPage(name, f"tags/{slug}/index.md", by_tag[name], entity)
        known = {s.label: s.slug for s in self.taxonomy.sources}
        self.source_uris = {}
        used = set()
        for name in sorted({s for a in articles for s in a.sources}):
            slug = known.get(name) or ascii_slug(name)
            while slug in used:
                slug += "-x"
            used.add(slug)
            self.source_uris[name] = f"sources/{slug}/index.md"

    def pages(self, articles: list[Article]) -> dict[str, Page | str]:
        """Every generated file of the site, keyed by its source URI: Markdown pages as
        :class:`Page`, other files (feeds, raw seeds) as their text."""
        self.plan(articles)
        self.related = related_articles(articles)
        # Grouped from the newest-first order, every listing is in that order already.
        ordered = newest_first(articles)
        by_topic: dict[str, list[Article]] = defaultdict(list)
        by_mention: dict[str, list[Article]] = defaultdict(list)
        by_source: dict[str, list[Article]] = defaultdict(list)
        for article in ordered:
            for slug in article.topics:
                by_topic[slug].append(article)
            for slug in article.mentions:
                by_mention[slug].append(article)
            for source in article.sources:
                by_source[source].append(article)
        pages: dict[str, Page | str] = {HOME: self.home(articles, by_topic), TOPICS_INDEX: self.topics_index(by_topic)}
        for topic in self.taxonomy.topics:
            pages.update(self.topic_pages(topic.slug, by_topic.get(topic.slug, []), by_mention.get(topic.slug, [])))
        for tag in self.tag_pages.values():
            pages.update(self.tag_pages_for(tag))
        pages.update(self.sources_pages(by_source))
        pages.update(self.archive_pages(ordered))
        pages[TIMELINE] = self.timeline(key_dates(articles))
        pages.update(self.feeds(articles, by_topic))
        for article in articles:
            pages[article_uri(article)] = self.article_page(article)
            # With a BOM: hosts serve .txt as text/plain, often without a charset, and browsers
            # then guess Windows-1252; the BOM makes every browser read UTF-8.
            pages[raw_uri(article)] = "\ufeff" + article.raw
        return pages
