"""The records that travel through the pipeline: read → clean → enrich → render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class SeedError(Exception):
    """A seed that cannot become an article; the message names the file and says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Errors cross process boundaries (parallel parsing); the default would pass only
        # the message back to __init__.
        return (SeedError, (self.path, self.reason))


class Kind(str, Enum):
    """Why a line of the seed is not body text. One enum for the cleaner, the renderer
    (each kind has its Arabic label there) and the tests."""

    TITLE = "title"  # the headline (shown as the title, not repeated in the body)
    SUBTITLE = "subtitle"  # the standfirst under it
    DUPLICATE_TITLE = "duplicate-title"  # the headline again
    DUPLICATE = "duplicate"  # a paragraph given twice
    KICKER = "kicker"  # a short label over the headline
    DATELINE = "dateline"  # the line that states the publication date
    DATE_WIDGET = "date-widget"  # a date that is not the publication: today, a clock, "منذ 34 دقيقة"
    SOURCE = "source"  # the publisher's name, "المصدر: …"
    BYLINE = "byline"  # the writer: "كتب …", a name alone, "وكالات"
    CAPTION = "caption"  # a photo caption under the headline
    PHOTO_CREDIT = "photo-credit"  # "© AP", "الصورة: …"
    KEYWORDS = "keywords"  # "كلمات دلالية: …"
    HASHTAGS = "hashtags"
    TAG_LINE = "tag-line"  # a line of entity names only
    MASTHEAD = "masthead"  # the site's name, staff lines ("رئيس التحرير …")
    NAVIGATION = "navigation"  # menus, section labels, language switches
    TICKER = "ticker"  # other headlines run together on one line
    SUBSCRIBE = "subscribe"  # follow / subscribe / app lines
    SCRAPER = "scraper"  # crawler prefixes and scraper tokens ("[ad_1]", "Embedded Image")
    WIDGET = "widget"  # share and comment buttons
    TEASER = "teaser"  # another story's headline
    RELATED = "related"  # a list of other stories under its heading
    READ_ALSO = "read-also"  # "اقرأ أيضًا" and everything after it
    FOOTER = "footer"  # copyright and site footer lines

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Removed:
    """A line of the seed (or a piece of one) that is not body text, and why."""

    kind: Kind
    text: str


class Code(str, Enum):
    """What a warning is about; ``check`` prints the code's text and the detail."""

    NO_BODY = "no body"
    NO_DATE = "no date"
    INFERRED_DATE = "inferred date"
    NO_SOURCE = "no source"
    NO_TOPIC = "no topic"
    OVERRIDE = "editorial override"
    TITLE_CUT = "headline cut"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ArticleWarning:
    """A gap in an article that still publishes (no date, no source …)."""

    code: Code
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.code} ({self.detail})" if self.detail else str(self.code)


@dataclass
class Article:
    """One seed, cleaned and enriched. ``body`` paragraphs are plain (unescaped) text."""

    id: str
    path: str
    title: str
    title_from_lead: bool = False
    date: str | None = None
    date_inferred: bool = False
    date_note: str = ""
    # Which line of the seed stated the date (as written), "" when none did.
    date_source: str = ""
    sources: list[str] = field(default_factory=list)
    # Agencies and outlets the text quotes ("نقلت وكالة إنترفاكس"): not the publisher.
    cited: list[str] = field(default_factory=list)
    summary: str = ""
    body: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    # Topics named only in passing, inside a sentence about something else.
    mentions: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    # Complete dates the body cites (events, not the publication date): [{date, sentence}]
    cited_dates: list[dict[str, str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[ArticleWarning] = field(default_factory=list)
    raw: str = ""

    def text(self) -> str:
        """The article's text: the summary (when the body does not hold it) and the body,
        one paragraph a line. What the search index weighs and the stories compare."""
        return "\n".join(([self.summary] if self.summary and self.summary not in self.body else []) + self.body)

    def to_record(self) -> dict[str, Any]:
        """Every field, as JSON values (the article cache stores this). Built field by field:
        ``dataclasses.asdict`` deep-copies every list and took seconds at 10,000 articles."""
        data = {name: getattr(self, name) for name in _FIELD_ORDER}
        data["removed"] = [{"kind": r.kind.value, "text": r.text} for r in self.removed]
        data["warnings"] = [{"code": w.code.value, "detail": w.detail} for w in self.warnings]
        return data

    @classmethod
    def from_record(cls, data: Any) -> "Article":
        """The article :meth:`to_record` gave; ``ValueError`` for anything else (a record
        read back from disk is checked field by field, never trusted)."""
        if not isinstance(data, dict) or set(data) != _FIELDS:
            raise ValueError("not an article record")
        for name, kind in _TYPES.items():
            value = data[name]
            if kind == "str?":
                ok = value is None or isinstance(value, str)
            elif kind == "strs":
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            elif kind == "bool":
                ok = isinstance(value, bool)
            else:
                ok = isinstance(value, str)
            if not ok:
                raise ValueError(f"field {name}: wrong type")
        evidence = data["evidence"]
        if not isinstance(evidence, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v) for k, v in evidence.items()
        ):
            raise ValueError("field evidence: wrong type")
        dates = data["cited_dates"]
        if not isinstance(dates, list) or not all(
            isinstance(d, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in d.items()) for d in dates
        ):
            raise ValueError("field cited_dates: wrong type")
        try:
            removed = [Removed(Kind(r["kind"]), r["text"]) for r in data["removed"]]
            warnings = [ArticleWarning(Code(w["code"]), w["detail"]) for w in data["warnings"]]
        except (TypeError, KeyError) as error:
            raise ValueError(f"removed or warnings: {error}") from None
        if not all(isinstance(r.text, str) for r in removed) or not all(isinstance(w.detail, str) for w in warnings):
            raise ValueError("removed or warnings: wrong type")
        return cls(**{**data, "removed": removed, "warnings": warnings})

    def to_json(self) -> dict[str, Any]:
        """The record as printed by ``python -m digest inspect`` (no raw text)."""
        data = asdict(self)
        data.pop("raw")
        data["removed"] = [{"kind": r.kind.value, "text": r.text} for r in self.removed]
        data["warnings"] = [{"code": w.code.value, "detail": w.detail} for w in self.warnings]
        return data


_FIELD_ORDER = tuple(Article.__dataclass_fields__)
_FIELDS = set(_FIELD_ORDER)
_TYPES = {
    "id": "str", "path": "str", "title": "str", "title_from_lead": "bool", "date": "str?", "date_inferred": "bool",
    "date_note": "str", "date_source": "str", "sources": "strs", "cited": "strs", "summary": "str", "body": "strs",
    "tags": "strs", "entities": "strs", "topics": "strs", "mentions": "strs", "raw": "str",
}
