"""RSS 2.0 feeds (written with ElementTree, so every value is XML-escaped).

Every value also goes through the sanitiser (``language/escape.py``), whatever its origin:
XML 1.0 cannot hold most control characters nor U+FFFE/U+FFFF, and one such character would
make the whole feed unreadable.

RSS rather than Atom: Atom requires an <updated> date on every entry, and an article whose
date the text does not give has none; RSS's pubDate is optional, so nothing is invented.
No build time is written either, so feeds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from ..language.escape import sanitize
from ..model import Article
from . import urls
from .context import SiteContext

FEED_SIZE = 20


def rss(title: str, link: str, description: str, articles: list[Article], url_of, topic_label) -> str:  # type: ignore[no-untyped-def]
    """An RSS document of the first FEED_SIZE of ``articles`` (given newest first)."""
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = sanitize(title)
    ET.SubElement(channel, "link").text = sanitize(link)
    ET.SubElement(channel, "description").text = sanitize(description)
    ET.SubElement(channel, "language").text = "ar"
    for article in articles[:FEED_SIZE]:  # newest first, as the context orders them
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = sanitize(article.title)
        url = url_of(article)
        ET.SubElement(item, "link").text = sanitize(url)
        ET.SubElement(item, "guid", isPermaLink="true").text = sanitize(url)
        ET.SubElement(item, "description").text = sanitize(article.summary)
        if article.date:
            day = dt.datetime.fromisoformat(article.date).replace(tzinfo=dt.timezone.utc)
            ET.SubElement(item, "pubDate").text = format_datetime(day)
        for slug in article.topics:
            ET.SubElement(item, "category").text = sanitize(topic_label(slug))
        for source in article.sources:
            ET.SubElement(item, "category", domain="source").text = sanitize(source)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def site_feeds(ctx: SiteContext, absolute) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The digest's feed and one per topic; ``absolute`` makes a source URI an absolute URL."""
    url_of = lambda a: absolute(urls.article_uri(a))  # noqa: E731
    out = {urls.FEED: rss("موجز القوقاز", absolute(urls.HOME), "أحدث أخبار موجز القوقاز", ctx.ordered, url_of, ctx.topic_label)}
    for topic in ctx.taxonomy.topics:
        out[urls.topic_feed(topic.slug)] = rss(
            f"موجز القوقاز: {topic.label}", absolute(urls.topic_uri(topic.slug)), topic.description,
            ctx.by_topic.get(topic.slug, []), url_of, ctx.topic_label,
        )
    return out
