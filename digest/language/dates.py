"""Dates in Arabic news text: find them, pick the publication date, print them in Arabic.

Month and weekday names come from ``data/calendar.yaml`` (Egyptian, Levantine, Maghrebi and
English names). dateparser was tried and left out: it does not know Levantine months
(تشرين الأول) nor a day and month without a year, which is most of what seeds give.

The publication date is taken, in this order, from
1. a dateline (a line that is only a date: "تاريخ النشر: 27th, September 2023 GMT",
   "22:3118/10/2024, الجمعة");
2. an "اليوم <weekday> <date>" phrase in the first paragraphs of the body.

**Year inference rule** (the only inference made; the result is marked ``date_inferred``):
a date given as day and month with a named weekday but no year gets the first year, from the
latest year the article mentions up to seven years later, in which that day falls on that
weekday. Without a weekday, or without any year in the article, the date stays unknown.
Relative dates ("قبل شهر") have nothing to anchor them: unknown. The clock is never read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .normalize import fold

CALENDAR_PATH = Path(__file__).parent.parent / "data" / "calendar.yaml"
INFERENCE_WINDOW = 7  # years after the latest year mentioned
DATELINE_MAX_CHARS = 120


@dataclass(frozen=True)
class DateMention:
    year: int | None
    month: int
    day: int | None
    start: int  # offsets in the folded text
    end: int

    @property
    def complete(self) -> bool:
        return self.year is not None and self.day is not None

    def iso(self) -> str | None:
        if not self.complete:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class PublicationDate:
    iso: str | None
    inferred: bool
    note: str


class Calendar:
    def __init__(self, path: Path = CALENDAR_PATH) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.month_of: dict[str, int] = {}
        for number, names in data["months"].items():
            for name in names:
                self.month_of[fold(str(name))] = int(number)
        self.weekday_of: dict[str, int] = {}
        for number, names in data["weekdays"].items():
            for name in names:
                self.weekday_of[fold(str(name))] = int(number)
        self.display_months: list[str] = list(data["display_months"])
        self.relative_markers = [fold(m) for m in data["relative_markers"]]

        month = _alternation(self.month_of)
        weekday = _alternation(self.weekday_of)
        not_letter_before, not_letter_after = r"(?<![^\W\d_])", r"(?![^\W\d_])"
        day = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
        # "1 تشرين الاول/ اكتوبر 2021", "9 نوفمبر(تشرين الثاني) 2020", "27th, september 2023"
        self._dmy = re.compile(
            rf"{day}[\s,.\-]*{not_letter_before}(?P<month>{month}){not_letter_after}"
            rf"(?:\s*[/(]\s*(?:{month})\s*\)?)?(?:[\s,،\-]*(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d))?"
        )
        # "september 27, 2023"
        self._mdy = re.compile(
            rf"{not_letter_before}(?P<month>{month}){not_letter_after}\s+{day},?\s+(?P<year>(?:19|20)\d\d)(?!\d)"
        )
        # "18/10/2024", "22:3118/10/2024" (a time glued in front), "2024-10-18"
        self._numeric = re.compile(
            r"(?<!\d)(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>(?:19|20)\d\d)(?!\d)"
        )
        self._iso = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<b>\d{2})-(?P<a>\d{2})(?!\d)")
        # "ديسمبر/ كانون الاول 2020"
        self._month_year = re.compile(
            rf"{not_letter_before}(?P<month>{month}){not_letter_after}(?:\s*[/(]\s*(?:{month})\s*\)?)?[\s,،]+(?P<year>(?:19|20)\d\d)(?!\d)"
        )
        self._today = re.compile(
            rf"اليوم\s*\(?\s*(?P<weekday>{weekday})?\s*\)?\s*،?\s*(?:الموافق\s*)?(?=[0-3]?\d)"
        )
        self._weekday = re.compile(rf"{not_letter_before}(?P<weekday>{weekday}){not_letter_after}")
        self._year = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

    # -- finding -----------------------------------------------------------------------------

    def mentions(self, text: str) -> list[DateMention]:
        """Every date in ``text`` (folded offsets), in order; partial dates included."""
        folded = fold(text)
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []

        def add(m: re.Match[str], year: int | None, month: int, day: int | None) -> None:
            if any(m.start() < e and s < m.end() for s, e in taken):
                return
            if day is not None and not _valid(year or 2000, month, day):
                return
            taken.append((m.start(), m.end()))
            found.append(DateMention(year, month, day, m.start(), m.end()))

        for m in self._iso.finditer(folded):
            add(m, int(m["year"]), int(m["b"]), int(m["a"]))
        for m in self._numeric.finditer(folded):
            a, b = int(m["a"]), int(m["b"])
            # Arabic sites write day/month; month/day only when day/month is impossible.
            day, month = (a, b) if b <= 12 else (b, a)
            if month <= 12:
                add(m, int(m["year"]), month, day)
        for m in self._mdy.finditer(folded):
            add(m, int(m["year"]), self.month_of[m["month"]], int(m["day"]))
        for m in self._dmy.finditer(folded):
            add(m, int(m["year"]) if m["year"] else None, self.month_of[m["month"]], int(m["day"]))
        for m in self._month_year.finditer(folded):
            add(m, int(m["year"]), self.month_of[m["month"]], None)
        return sorted(found, key=lambda d: d.start)

    def years(self, text: str) -> list[int]:
        return [int(y) for y in self._year.findall(fold(text))]

    def is_dateline(self, line: str, labels: list[str]) -> bool:
        """A line that carries a complete date and next to nothing else."""
        if len(line) > DATELINE_MAX_CHARS or not any(ch.isdigit() for ch in line):
            return False
        mentions = [m for m in self.mentions(line) if m.complete]
        if not mentions:
            return False
        rest = fold(line)
        for m in reversed(mentions):
            rest = rest[: m.start] + " " + rest[m.end :]
        for label in sorted((fold(x) for x in labels), key=len, reverse=True):
            rest = rest.replace(label, " ")
        rest = self._weekday.sub(" ", rest)
        rest = re.sub(r"\b(?:gmt|utc)\b|بتوقيت\s+\S+|\d{1,2}:\d{2}(?::\d{2})?|[^\w\s]|\d+", " ", rest)
        return len(rest.split()) <= 1

    def is_relative(self, line: str) -> bool:
        folded = fold(line)
        return any(re.search(rf"(?<![^\W\d_]){re.escape(m)}(?![^\W\d_])", folded) for m in self.relative_markers)

    # -- choosing ----------------------------------------------------------------------------

    def publication_date(
        self, datelines: list[str], lead: list[str], article_text: str, relative_lines: list[str]
    ) -> PublicationDate:
        for line in datelines:
            for mention in self.mentions(line):
                if mention.complete:
                    return PublicationDate(mention.iso(), False, "")
        for paragraph in lead:
            folded = fold(paragraph)
            for today in self._today.finditer(folded):
                following = [m for m in self.mentions(paragraph) if m.start == today.end() and m.day]
                if not following:
                    continue
                mention = following[0]
                if mention.complete:
                    return PublicationDate(mention.iso(), False, "")
                return self._infer_year(mention, today["weekday"], article_text)
        if relative_lines:
            return PublicationDate(None, False, f"only a relative date: {relative_lines[0].strip()}")
        return PublicationDate(None, False, "no date in the text")

    def _infer_year(self, mention: DateMention, weekday_name: str | None, text: str) -> PublicationDate:
        assert mention.day is not None
        when = f"{mention.day} {self.display_months[mention.month - 1]}"
        if weekday_name is None:
            return PublicationDate(None, False, f"'{when}' has no year and no weekday to infer one")
        years = self.years(text)
        if not years:
            return PublicationDate(None, False, f"'{when}' has no year and the article names none")
        weekday = self.weekday_of[weekday_name]
        latest = max(years)
        for year in range(latest, latest + INFERENCE_WINDOW + 1):
            if _valid(year, mention.month, mention.day) and dt.date(year, mention.month, mention.day).weekday() == weekday:
                iso = f"{year:04d}-{mention.month:02d}-{mention.day:02d}"
                return PublicationDate(
                    iso, True,
                    f"year inferred: {year} is the first year from {latest} (the latest the article "
                    f"mentions) in which {when} is a {weekday_name}",
                )
        return PublicationDate(None, False, f"no year from {latest} on puts '{when}' on a {weekday_name}")

    # -- printing ----------------------------------------------------------------------------

    def display(self, iso: str | None) -> str:
        """"27 سبتمبر 2023"; "غير معروف" for an unknown date."""
        if not iso:
            return "غير معروف"
        year, month, day = (int(x) for x in iso.split("-"))
        return f"{day} {self.display_months[month - 1]} {year}"

    def month_label(self, year: int, month: int) -> str:
        return f"{self.display_months[month - 1]} {year}"


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    return Calendar()
