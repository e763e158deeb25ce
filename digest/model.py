"""The records that travel through the pipeline: read → clean → enrich → render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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


@dataclass(frozen=True)
class Removed:
    """A line of the seed that is not body text, and why (kept for provenance)."""

    kind: str  # title, subtitle, dateline, source, keywords, hashtags, widget, read-also, …
    text: str


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
    sources: list[str] = field(default_factory=list)
    summary: str = ""
    body: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    # Complete dates the body cites (events, not the publication date): [{date, sentence}]
    cited_dates: list[dict[str, str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    raw: str = ""

    def to_json(self) -> dict[str, Any]:
        """The record as printed by ``python -m digest inspect`` (no raw text)."""
        data = asdict(self)
        data.pop("raw")
        return data
