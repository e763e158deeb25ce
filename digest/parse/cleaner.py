"""Cleaning: the lines of a seed sorted into the article and what is not the article.

Every non-blank line ends in exactly one place: the title, the subtitle, a body paragraph,
or a :class:`Removed` entry with its kind. Nothing is dropped without a record, so a test
can account for every line and a reader can see, folded, what was removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..language.dates import Calendar
from ..language.normalize import analyze, normalize
from ..language.text import ends_like_sentence, squash
from ..model import Removed
from ..taxonomy import Taxonomy

BOILERPLATE_PATH = Path(__file__).parent.parent / "data" / "boilerplate.yaml"
# A line without a full stop and at most this many words reads as a headline, not prose.
HEADLINE_MAX_WORDS = 25
HASHTAG_MAX_WORDS = 8
_LABEL_RE = re.compile(r"^(?P<label>[^:：]{1,30}?)\s*[:：]\s*(?P<value>.*)$")
_LIST_ITEM_RE = re.compile(r"^(?:[•\-*·▪◦–—►»]|\d{1,2}[.)-])\s*\S")
_WIDGET_SPLIT_RE = re.compile(r"\s*[|•/·،,\-–—]\s*")
_RELATIVE_PIECE_RE = re.compile(r"^(?:قبل|منذ)\s+\S+(?:\s+\S+)?$")
# "#تركيا #جنوب القوقاز": each tag starts right after its '#' ("# title" is not a hashtag).
_HASHTAGS_RE = re.compile(r"^(?:#[^\s#][^#]*)+$")


@dataclass
class Boilerplate:
    cut_markers: list[str]
    related_headings: list[str]
    source_labels: set[str]
    keyword_labels: set[str]
    photo_labels: set[str]
    byline_labels: set[str]
    dateline_labels: list[str]
    widget_words: set[str]

    @classmethod
    def load(cls, path: Path = BOILERPLATE_PATH) -> "Boilerplate":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        norm = lambda key: [normalize(str(x)) for x in data[key]]  # noqa: E731
        return cls(
            cut_markers=norm("cut_markers"),
            related_headings=norm("related_headings"),
            source_labels=set(norm("source_labels")),
            keyword_labels=set(norm("keyword_labels")),
            photo_labels=set(norm("photo_labels")),
            byline_labels=set(norm("byline_labels")),
            dateline_labels=[str(x) for x in data["dateline_labels"]],
            widget_words=set(norm("widget_words")),
        )


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    return Boilerplate.load()


@dataclass
class Cleaned:
    title: str | None = None
    subtitle: str | None = None
    body: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)
    relative_dates: list[str] = field(default_factory=list)
    source_names: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)


def _starts_with(normalized_line: str, phrases: list[str]) -> bool:
    return any(normalized_line == p or normalized_line.startswith(p + " ") for p in phrases)


def split_sources(value: str) -> list[str]:
    """"نوفوستي+Rt" → two publishers; separators are + ، , / | and "و" before a name."""
    return [p for p in (squash(x) for x in re.split(r"\s*[+،,/|&]\s*", value)) if p]


class Cleaner:
    def __init__(self, taxonomy: Taxonomy, calendar: Calendar, rules: Boilerplate | None = None) -> None:
        self.taxonomy = taxonomy
        self.calendar = calendar
        self.rules = rules or boilerplate()
        # Boilerplate phrases are matched at the start of a line: normalising the line's
        # first words is enough (a paragraph is long; normalising all of it here would be
        # most of the cleaner's time). Twice the longest phrase, so that punctuation-only
        # words at the start cannot push a phrase out of the head.
        longest = max((len(p.split()) for p in self.rules.cut_markers + self.rules.related_headings), default=1)
        self._head_words = 2 * longest + 4
        # A widget piece is a widget word, a number or a relative date ("قبل ساعتين"): a
        # longer piece is text, whatever its words.
        self._widget_piece_words = 2 * max((len(w.split()) for w in self.rules.widget_words), default=1) + 3

    def clean(self, text: str) -> Cleaned:
        out = Cleaned()
        lines = [squash(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        seen_paragraph = False
        in_related = False
        title_norm = ""
        for index, line in enumerate(lines):
            words = line.split()
            norm = normalize(" ".join(words[: self._head_words]))
            if _starts_with(norm, self.rules.cut_markers):
                out.removed.extend(Removed("read-also", rest) for rest in lines[index:])
                break
            if in_related:
                if _LIST_ITEM_RE.match(line) or self._headline_shaped(line):
                    out.removed.append(Removed("related", line))
                    continue
                in_related = False
            kind = self._boilerplate_kind(line, norm, out)
            if kind is not None:
                out.removed.append(Removed(kind, line))
                in_related = kind == "related"
                continue
            if out.title is not None and self._repeats(line, words, title_norm):
                out.removed.append(Removed("duplicate-title", line))
            elif self._headline_shaped(line):
                if out.title is None and not seen_paragraph:
                    out.title = line
                    title_norm = normalize(line)
                    out.removed.append(Removed("title", line))
                elif out.subtitle is None and not seen_paragraph:
                    out.subtitle = line
                    out.removed.append(Removed("subtitle", line))
                elif self._only_entities(line):
                    out.keywords.append(line)
                    out.removed.append(Removed("tag-line", line))
                else:
                    # A headline between or after paragraphs links to another story.
                    out.removed.append(Removed("teaser", line))
            else:
                out.body.append(line)
                seen_paragraph = True
        return out

    def _boilerplate_kind(self, line: str, norm: str, out: Cleaned) -> str | None:
        rules = self.rules
        if _starts_with(norm, rules.related_headings):
            return "related"
        labelled = _LABEL_RE.match(line)
        if labelled:
            label, value = normalize(labelled["label"]), labelled["value"].strip()
            if label in rules.source_labels and value:
                out.source_names.extend(split_sources(value))
                return "source"
            if label in rules.keyword_labels:
                out.keywords.append(value)
                return "keywords"
            if label in rules.photo_labels:
                return "photo-credit"
            if label in rules.byline_labels and len(value.split()) <= 6:
                return "byline"
        if _HASHTAGS_RE.match(line) and len(line.split()) <= HASHTAG_MAX_WORDS:
            out.hashtags.extend(t for t in (squash(x) for x in line.split("#")) if t)
            return "hashtags"
        if self.calendar.is_dateline(line, rules.dateline_labels):
            out.datelines.append(line)
            return "dateline"
        if self._is_widget(line):
            if self.calendar.is_relative(line):
                out.relative_dates.append(line)
            return "widget"
        if self.taxonomy.source_named(line) is not None:
            out.source_names.append(line)
            return "source"
        return None

    def _is_widget(self, line: str) -> bool:
        pieces = [p for p in _WIDGET_SPLIT_RE.split(line) if p.strip()]
        if not pieces:
            return "|" in line or "•" in line
        for piece in pieces:
            if len(piece.split()) > self._widget_piece_words:
                return False
            norm = normalize(piece)
            if not norm or norm.isdigit() or norm in self.rules.widget_words:
                continue
            if _RELATIVE_PIECE_RE.match(piece) and self.calendar.is_relative(piece):
                continue
            return False
        return True

    @staticmethod
    def _repeats(line: str, words: list[str], title_norm: str) -> bool:
        """The line is the headline again (spelling, marks and punctuation aside). A
        headline has at most HEADLINE_MAX_WORDS words; a line with far more is a paragraph
        and is not normalised whole for this."""
        return len(words) <= 2 * HEADLINE_MAX_WORDS and normalize(line) == title_norm

    @staticmethod
    def _headline_shaped(line: str) -> bool:
        return not ends_like_sentence(line) and len(line.split()) <= HEADLINE_MAX_WORDS

    def _only_entities(self, line: str) -> bool:
        tokens = analyze(line)
        matches = self.taxonomy.entity_matcher.find(tokens)
        return bool(tokens) and sum(m.end - m.start for m in matches) == len(tokens)
