"""How well the parser reads a labelled corpus: ``python -m digest evaluate LABELS.yaml``.

The labels file is a YAML list, one entry per page (paths relative to the labels file)::

    - file: a01_masthead.txt
      title: the headline as the page gives it   # null: the page has no headline
      date: 2025-03-03                           # null: the text states no publication date
      publishers: [مصراوي]                       # who published the page ([] if not named)
      cited: [رويترز]                            # agencies the text quotes
      topics: [border-delimitation]              # what the article is about
      mentions: [peace-treaty]                   # topics named only in passing

Scores, each over the pages the field applies to:

* headline: the page has one and the article's title is it (spelling, marks and punctuation
  aside); a page without one is right when the title came from the lead;
* date: the article's date is the labelled one (``null`` included); a date where the label
  has none, or another date, is *given without being stated* and counted apart;
* publishers and cited: the same set of outlets (a name and its taxonomy aliases are one);
  a publisher the label does not have is *invented*;
* topics and mentions: micro precision, recall and F1 over (page, topic) pairs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..language.normalize import normalize
from ..model import Article, SeedError
from ..parse.assembly import Pipeline
from ..taxonomy import Taxonomy


class LabelsError(ValueError):
    """The labels file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Label:
    file: str
    title: str | None
    date: str | None
    publishers: tuple[str, ...]
    cited: tuple[str, ...]
    topics: frozenset[str]
    mentions: frozenset[str]


@dataclass
class Score:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.right}/{self.total} = {self.ratio:.3f}"


@dataclass
class F1:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[str], expected: set[str]) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


@dataclass
class Report:
    pages: int = 0
    headline: Score = field(default_factory=Score)
    no_headline: Score = field(default_factory=Score)
    date: Score = field(default_factory=Score)
    stated_date: Score = field(default_factory=Score)
    unstated_given: int = 0
    publishers: Score = field(default_factory=Score)
    named_publishers: Score = field(default_factory=Score)
    invented_publishers: int = 0
    cited: Score = field(default_factory=Score)
    topics: F1 = field(default_factory=F1)
    mentions: F1 = field(default_factory=F1)
    linked: F1 = field(default_factory=F1)
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"pages: {self.pages} ({len(self.errors)} in error)",
            f"headline (pages with one): {self.headline}",
            f"title from the lead (pages without one): {self.no_headline}",
            f"date (all pages): {self.date}",
            f"date (pages that state one): {self.stated_date}",
            f"dates given that the text does not state as the publication: {self.unstated_given}",
            f"publishers (all pages): {self.publishers}",
            f"publishers (pages naming one): {self.named_publishers}",
            f"publishers invented: {self.invented_publishers}",
            f"cited (all pages): {self.cited}",
            f"topics: {self.topics}",
            f"mentions: {self.mentions}",
            f"topics and mentions together: {self.linked}",
        ]


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LabelsError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def load_labels(path: Path) -> list[Label]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LabelsError(f"{path}: {error}") from None
    if not isinstance(data, list):
        raise LabelsError(f"{path}: expected a list of entries")
    labels = []
    for n, entry in enumerate(data):
        where = f"{path.name}: entry {n}"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise LabelsError(f"{where}: expected a mapping with 'file'")
        date = entry.get("date")
        if isinstance(date, dt.date):
            date = date.isoformat()
        if date is not None and not isinstance(date, str):
            raise LabelsError(f"{where}: 'date' must be YYYY-MM-DD or null")
        title = entry.get("title")
        labels.append(Label(
            file=entry["file"],
            title=str(title) if title is not None else None,
            date=date,
            publishers=_strings(entry, "publishers", where),
            cited=_strings(entry, "cited", where),
            topics=frozenset(_strings(entry, "topics", where)),
            mentions=frozenset(_strings(entry, "mentions", where)),
        ))
    return labels


def _outlets(names: tuple[str, ...] | list[str], taxonomy: Taxonomy) -> set[str]:
    """One key per outlet: its taxonomy slug, else its normalised name."""
    keys = set()
    for name in names:
        known = taxonomy.source_named(name)
        keys.add(known.slug if known else normalize(name))
    return keys


def evaluate(labels_path: Path, pipeline: Pipeline | None = None) -> Report:
    pipeline = pipeline or Pipeline()
    taxonomy = pipeline.taxonomy
    report = Report()
    for label in load_labels(labels_path):
        report.pages += 1
        path = labels_path.parent / label.file
        try:
            article = pipeline.file(path)
        except SeedError as error:
            report.errors.append(str(error))
            report.misses.append(f"{label.file}: error: {error.reason}")
            continue
        _score(report, label, article, taxonomy)
    return report


def _score(report: Report, label: Label, article: Article, taxonomy: Taxonomy) -> None:
    miss = report.misses.append
    name = label.file
    if label.title is not None:
        ok = not article.title_from_lead and normalize(article.title) == normalize(label.title)
        report.headline.add(ok)
        if not ok:
            got = "(from the lead) " if article.title_from_lead else ""
            miss(f"{name}: headline: got {got}«{article.title}», want «{label.title}»")
    else:
        report.no_headline.add(article.title_from_lead)
        if not article.title_from_lead:
            miss(f"{name}: headline: got «{article.title}», the page has none")
    report.date.add(article.date == label.date)
    if label.date is not None:
        report.stated_date.add(article.date == label.date)
    if article.date is not None and article.date != label.date:
        report.unstated_given += 1
    if article.date != label.date:
        miss(f"{name}: date: got {article.date} (from «{article.date_source}»; {article.date_note}), want {label.date}")
    got, want = _outlets(article.sources, taxonomy), _outlets(label.publishers, taxonomy)
    report.publishers.add(got == want)
    if want:
        report.named_publishers.add(got == want)
    if got - want:
        report.invented_publishers += 1
    if got != want:
        miss(f"{name}: publishers: got {article.sources}, want {list(label.publishers)}")
    got_cited, want_cited = _outlets(article.cited, taxonomy), _outlets(label.cited, taxonomy)
    report.cited.add(got_cited == want_cited)
    if got_cited != want_cited:
        miss(f"{name}: cited: got {article.cited}, want {list(label.cited)}")
    topics, mentions = set(article.topics), set(article.mentions)
    report.topics.add(topics, set(label.topics))
    report.mentions.add(mentions, set(label.mentions))
    report.linked.add(topics | mentions, set(label.topics | label.mentions))
    if topics != label.topics or mentions != label.mentions:
        miss(f"{name}: topics: got {sorted(topics)} + mentions {sorted(mentions)}, "
             f"want {sorted(label.topics)} + mentions {sorted(label.mentions)}")
