"""Assembly: one seed's bytes → one :class:`Article` (read → clean → enrich).

Pure Python; a folder of seeds is :mod:`digest.corpus`'s business, MkDocs the hook's.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..language.dates import Calendar, calendar
from ..language.normalize import normalize
from ..language.text import sentences, shorten
from ..model import Article, ArticleWarning, Code, SeedError
from ..taxonomy import Taxonomy
from .analysed import Analysed
from .cleaner import Cleaner
from .enrich import Enricher
from .reader import MAX_BYTES, SEED_SUFFIX, decode_seed, read_bounded

TITLE_MAX_CHARS = 140  # a title made from the lead's first sentence
HEADLINE_MAX_CHARS = 200  # a headline the page gives
SUMMARY_MAX_CHARS = 300
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HASHED_NAME_RE = re.compile(r"^\d+_(?P<hash>[0-9a-f]{8,})$")


def article_id(file_name: str) -> str:
    """A stable ASCII id from a seed's file name: ``000_71b24d93f0e166c3.txt`` → the hash."""
    stem = file_name[: -len(SEED_SUFFIX)] if file_name.endswith(SEED_SUFFIX) else file_name
    hashed = _HASHED_NAME_RE.match(stem)
    if hashed:
        return hashed["hash"]
    slug = "-".join(re.findall(r"[a-z0-9]+", stem.lower()))
    if slug:
        return slug[:60]
    # A name with no ASCII letters (Arabic): a short digest of it, stable across builds.
    return "seed-" + hashlib.sha1(file_name.encode("utf-8")).hexdigest()[:10]


class Pipeline:
    def __init__(self, taxonomy: Taxonomy | None = None, cal: Calendar | None = None) -> None:
        self.taxonomy = taxonomy or Taxonomy.load()
        self.calendar = cal or calendar()
        self.cleaner = Cleaner(self.taxonomy, self.calendar)
        self.enricher = Enricher(self.taxonomy)

    def article(self, name: str, data: bytes, article_id_: str | None = None) -> Article:
        """One seed's bytes → an :class:`Article`; raises :class:`SeedError` naming ``name``."""
        text = decode_seed(name, data)
        analysed = Analysed()  # sentences folded and tokenised once, for cleaner and enricher
        cleaned = self.cleaner.clean(text, analysed)
        if not cleaned.body and cleaned.title is None:
            raise SeedError(name, "no article text (every line is boilerplate)")
        warnings: list[ArticleWarning] = []
        if cleaned.title is not None and len(cleaned.title) > HEADLINE_MAX_CHARS:
            # A headline this long is a paragraph or an attack (a 6 MB "headline" would be
            # printed in the <title>, every listing, the feeds and the search index): the
            # title is cut at a word, and the full text opens the body.
            cleaned.body.insert(0, cleaned.title)
            cleaned.title = shorten(cleaned.title, HEADLINE_MAX_CHARS)
            warnings.append(ArticleWarning(Code.TITLE_CUT, f"the headline is longer than {HEADLINE_MAX_CHARS} characters"))
        if cleaned.subtitle is not None and len(cleaned.subtitle) > SUMMARY_MAX_CHARS:
            cleaned.body.insert(0, cleaned.subtitle)  # a standfirst this long is the lead
            cleaned.subtitle = None
        if cleaned.title is not None:
            title, from_lead = cleaned.title, False
        else:
            title, from_lead = shorten(sentences(cleaned.body[0])[0], TITLE_MAX_CHARS), True
        if not cleaned.body:
            warnings.append(ArticleWarning(Code.NO_BODY, "the seed has a headline only"))
        paragraphs = [title] + ([cleaned.subtitle] if cleaned.subtitle else []) + cleaned.body
        headlines = 1 + bool(cleaned.subtitle)
        if from_lead:
            paragraphs, headlines = paragraphs[1:], 0  # the title is the lead's first sentence: count it once
        article_text = "\n".join(paragraphs)
        published = self.calendar.publication_date(
            cleaned.date_lines, cleaned.body[:3], article_text, cleaned.relative_dates
        )
        sources, slugs = [], set()
        for name_ in cleaned.source_names or cleaned.site_names[:1]:
            if normalize(name_) in self.cleaner.rules.bylines:
                continue  # "المصدر: RT + وكالات": the wires are no publisher
            known = self.taxonomy.source_named(name_)
            sources.append(known.label if known else name_)
            if known:
                slugs.add(known.slug)
        sources = list(dict.fromkeys(sources))
        year = int(published.iso[:4]) if published.iso else None
        enrichment = self.enricher.enrich(
            paragraphs, cleaned.keywords, cleaned.hashtags, headlines, year, slugs, self.cleaner.rules.cite_cues,
            analysed,
        )
        summary = cleaned.subtitle or (shorten(cleaned.body[0], SUMMARY_MAX_CHARS) if cleaned.body else "")
        if published.iso is None:
            warnings.append(ArticleWarning(Code.NO_DATE, published.note))
        elif published.inferred:
            warnings.append(ArticleWarning(Code.INFERRED_DATE, published.note))
        if not sources:
            warnings.append(ArticleWarning(Code.NO_SOURCE))
        if not enrichment.topics:
            warnings.append(ArticleWarning(Code.NO_TOPIC, "mentioned only: " + ", ".join(enrichment.mentions) if enrichment.mentions else ""))
        return Article(
            cited_dates=self.cited_dates(cleaned.body, published.iso, analysed),
            id=article_id_ or article_id(name),
            path=name,
            title=title,
            title_from_lead=from_lead,
            date=published.iso,
            date_inferred=published.inferred,
            date_note=published.note,
            date_source=published.source,
            sources=sources,
            cited=enrichment.cited,
            summary=summary,
            body=cleaned.body,
            tags=enrichment.tags,
            entities=enrichment.entities,
            topics=enrichment.topics,
            mentions=enrichment.mentions,
            evidence=enrichment.evidence,
            removed=cleaned.removed,
            warnings=warnings,
            raw=text,
        )

    def cited_dates(self, body: list[str], published: str | None, analysed: Analysed | None = None) -> list[dict[str, str]]:
        split = (analysed or Analysed()).sentences  # the enricher split these paragraphs already
        cited: dict[str, str] = {}
        for paragraph in body:
            if not _YEAR_RE.search(paragraph):
                continue  # a complete date needs a year: most paragraphs have none
            for sentence in split(paragraph):
                for mention in self.calendar.mentions(sentence):
                    iso = mention.iso()
                    if iso and iso != published and iso not in cited:
                        cited[iso] = sentence
        return [{"date": iso, "sentence": sentence} for iso, sentence in cited.items()]

    def file(self, path: Path) -> Article:
        return self.article(str(path), read_bounded(path, MAX_BYTES), article_id(path.name))
