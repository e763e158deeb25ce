"""Rendering: articles and the taxonomy → the site's Markdown pages, as ``{src_uri: text}``.

Pure Python, no MkDocs: the hook hands these to MkDocs as virtual files, and
``python -m digest export`` can write them to a folder for any engine that reads Markdown.
Every piece of seed text goes through :mod:`digest.escape`.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

import yaml

from .dates import Calendar
from .escape import attribute, inline
from .model import Article
from .taxonomy import Taxonomy

HOME = "index.md"
TOPICS_INDEX = "topics/index.md"
ARCHIVE_INDEX = "archive/index.md"
TAGS_PAGE = "tags.md"
LATEST_ON_HOME = 10


def article_uri(article: Article) -> str:
    return f"articles/{article.id}.md"


def topic_uri(slug: str) -> str:
    return f"topics/{slug}/index.md"


def link(from_uri: str, to_uri: str) -> str:
    """Relative link between two source files, as MkDocs resolves (and validates) them."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


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


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones; ties by id, so order never varies."""
    items = list(articles)
    dated = sorted((a for a in items if a.date), key=lambda a: (a.date, a.id), reverse=True)
    undated = sorted((a for a in items if not a.date), key=lambda a: a.id)
    return dated + undated


def front_matter(meta: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


@dataclass
class SiteRenderer:
    taxonomy: Taxonomy
    calendar: Calendar

    # -- shared pieces ---------------------------------------------------------------------------

    def date_text(self, article: Article) -> str:
        text = self.calendar.display(article.date)
        return f"{text} (تاريخ تقديري)" if article.date_inferred else text

    def sources_text(self, article: Article) -> str:
        return "، ".join(inline(s) for s in article.sources) if article.sources else "مصدر غير معروف"

    def article_item(self, article: Article, from_uri: str) -> str:
        return (
            f"- [{inline(article.title)}]({link(from_uri, article_uri(article))})"
            f" — {self.date_text(article)} · {self.sources_text(article)}"
        )

    # -- pages ---------------------------------------------------------------------------------

    def article_page(self, article: Article) -> str:
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
            # Our own search index holds the articles (see hooks/): keep them out of Material's.
            "search": {"exclude": True},
        }
        lines = [f"# {inline(article.title)}", ""]
        source_label = "المصادر" if len(article.sources) > 1 else "المصدر"
        lines += [
            f'<p class="digest-meta"><span>التاريخ: {self.date_text(article)}</span>'
            f" · <span>{source_label}: {self.sources_text(article)}</span></p>",
            "",
        ]
        if article.summary and article.summary not in article.body:
            lines += [f'<p class="digest-lead">{inline(article.summary)}</p>', ""]
        for paragraph in article.body:
            lines += [inline(paragraph), ""]
        if article.topics:
            lines += ["## المواضيع", ""]
            for slug in article.topics:
                topic = self.taxonomy.topic_by_slug[slug]
                lines.append(f"- [{inline(topic.label)}]({link(uri, topic_uri(slug))})")
            lines.append("")
        return front_matter(meta) + "\n".join(lines)

    def topic_page(self, slug: str, articles: list[Article]) -> str:
        topic = self.taxonomy.topic_by_slug[slug]
        uri = topic_uri(slug)
        lines = [f"# {inline(topic.label)}", "", inline(topic.description), ""]
        lines += [f"**{count_label(len(articles))}**، الأحدث أولًا.", ""]
        for article in newest_first(articles):
            lines += [
                f"### [{inline(article.title)}]({link(uri, article_uri(article))})",
                "",
                f'<p class="digest-meta">{self.date_text(article)} · {self.sources_text(article)}</p>',
                "",
            ]
            for quote in article.evidence.get(slug, []):
                lines += [f"> {inline(quote)}", ""]
        meta = {"title": attribute(topic.label), "description": attribute(topic.description), "search": {"exclude": True}}
        return front_matter(meta) + "\n".join(lines)

    def topics_index(self, by_topic: dict[str, list[Article]]) -> str:
        lines = ["# المواضيع", ""]
        for topic in self.taxonomy.topics:
            n = len(by_topic.get(topic.slug, []))
            lines += [
                f"## [{inline(topic.label)}]({link(TOPICS_INDEX, topic_uri(topic.slug))})",
                "",
                f"{inline(topic.description)} ({count_label(n)})",
                "",
            ]
        return front_matter({"title": "المواضيع", "search": {"exclude": True}}) + "\n".join(lines)

    def home(self, articles: list[Article], by_topic: dict[str, list[Article]]) -> str:
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
        lines += [self.article_item(a, HOME) for a in newest_first(articles)[:LATEST_ON_HOME]]
        lines += [
            "",
            f"[كل المقالات في الأرشيف]({link(HOME, ARCHIVE_INDEX)}) · [الوسوم]({link(HOME, TAGS_PAGE)})",
            "",
        ]
        return front_matter({"title": "موجز القوقاز", "search": {"exclude": True}}) + "\n".join(lines)

    def archive(self, articles: list[Article]) -> str:
        by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
        undated = []
        for article in articles:
            if article.date:
                year, month, _ = (int(x) for x in article.date.split("-"))
                by_month[(year, month)].append(article)
            else:
                undated.append(article)
        lines = ["# الأرشيف", "", f"{count_label(len(articles))}، حسب السنة والشهر.", ""]
        current_year = None
        for year, month in sorted(by_month, reverse=True):
            if year != current_year:
                lines += [f"## {year}", ""]
                current_year = year
            lines += [f"### {self.calendar.month_label(year, month)}", ""]
            lines += [self.article_item(a, ARCHIVE_INDEX) for a in newest_first(by_month[(year, month)])]
            lines.append("")
        if undated:
            lines += ["## تاريخ غير معروف", ""]
            lines += [self.article_item(a, ARCHIVE_INDEX) for a in newest_first(undated)]
            lines.append("")
        return front_matter({"title": "الأرشيف", "search": {"exclude": True}}) + "\n".join(lines)

    def pages(self, articles: list[Article]) -> dict[str, str]:
        """Every generated page of the site, keyed by its source URI."""
        by_topic: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            for slug in article.topics:
                by_topic[slug].append(article)
        pages = {HOME: self.home(articles, by_topic), TOPICS_INDEX: self.topics_index(by_topic)}
        for topic in self.taxonomy.topics:
            pages[topic_uri(topic.slug)] = self.topic_page(topic.slug, by_topic.get(topic.slug, []))
        pages[ARCHIVE_INDEX] = self.archive(articles)
        for article in articles:
            pages[article_uri(article)] = self.article_page(article)
        return pages
