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
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml
from hijridate import Hijri

from .normalize import fold

_DIGIT_RE = re.compile(r"\d")
CALENDAR_PATH = Path(__file__).parent.parent / "data" / "calendar.yaml"
INFERENCE_WINDOW = 7  # years after the latest year mentioned
DATELINE_MAX_CHARS = 120
# The longest date line seen: "تاريخ النشر: الأربعاء 30 تشرين الأول 2024 - 10:30 مساءً بتوقيت أبوظبي".
DATE_LINE_MAX_WORDS = 16


@dataclass(frozen=True)
class DateMention:
    year: int | None
    month: int
    day: int | None
    start: int  # offsets in the folded text
    end: int
    hijri: bool = False  # written in the Hijri calendar (the fields are its Gregorian day)

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
    source: str = ""  # the text that stated it


@dataclass(frozen=True)
class DateLabels:
    """Words that say what a date line is (from data/boilerplate.yaml), folded."""

    publication: tuple[str, ...]  # "تاريخ النشر", "نشر في" …
    update: tuple[str, ...]  # "آخر تحديث" …
    widget: tuple[str, ...]  # "التوقيت في", "الطقس" …: the page's clock, not the article's
    cities: tuple[str, ...]  # a city beside a date is a clock or weather widget


@dataclass(frozen=True)
class DateLine:
    """A line that is only a date, and what its words say about that date."""

    text: str
    mention: DateMention
    weekday: str | None
    publication: bool  # labelled as the publication
    update: bool  # labelled as an update only
    widget: bool  # a clock or a crawl stamp: never the publication
    clock: bool  # carries a time of day
    hijri: bool  # carries a Hijri date


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
        self.hijri_month_of: dict[str, int] = {}
        for number, names in data["hijri_months"].items():
            for name in names:
                self.hijri_month_of[fold(str(name))] = int(number)
        self.display_months: list[str] = list(data["display_months"])
        self.relative_markers = [fold(m) for m in data["relative_markers"]]

        month = _alternation(self.month_of)
        weekday = _alternation(self.weekday_of)
        not_letter_before, not_letter_after = r"(?<![^\W\d_])", r"(?![^\W\d_])"
        day = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
        # "1 تشرين الاول/ اكتوبر 2021", "9 نوفمبر(تشرين الثاني) 2020", "27th, september 2023",
        # "10/نوفمبر/2020"
        self._dmy = re.compile(
            rf"{day}[\s,./\-]*{not_letter_before}(?P<month>{month}){not_letter_after}"
            rf"(?:\s*[/(]\s*(?:{month})\s*\)?)?(?:[\s,،/\-]*(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d))?"
        )
        # "september 27, 2023"
        self._mdy = re.compile(
            rf"{not_letter_before}(?P<month>{month}){not_letter_after}\s+{day},?\s+(?P<year>(?:19|20)\d\d)(?!\d)"
        )
        # "18/10/2024", "22:3118/10/2024" (a time glued in front), "7. 1. 2026", "2024-10-18"
        self._numeric = re.compile(
            r"(?<!\d)(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?P<a>\d{1,2})[/.\-] ?(?P<b>\d{1,2})[/.\-] ?(?P<year>(?:19|20)\d\d)(?!\d)"
        )
        # "5 شوال 1446 هـ"
        hijri_month = _alternation(self.hijri_month_of)
        self._hijri = re.compile(
            rf"(?<!\d)(?P<day>[0-3]?\d)\s*{not_letter_before}(?P<month>{hijri_month}){not_letter_after}"
            rf"[\s,،]*(?P<year>1[34]\d\d)(?!\d)(?:\s*(?:هـ|ه)(?![^\W\d_]))?"
        )
        self._hijri_word = re.compile(rf"{not_letter_before}(?:{hijri_month}){not_letter_after}")
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
        # Which characters a date already took: the later patterns must not take them again.
        # One flag per character, so that a text of many dates stays linear (a list of the
        # spans taken, scanned per match, made a line of 100,000 dates quadratic).
        taken = bytearray(len(folded))

        def free(m: re.Match[str]) -> bool:
            return not any(taken[m.start() : m.end()])

        def take(m: re.Match[str]) -> None:
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

        def add(m: re.Match[str], year: int | None, month: int, day: int | None) -> None:
            if not free(m):
                return
            if day is not None and not _valid(year or 2000, month, day):
                return
            take(m)
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
        for m in self._hijri.finditer(folded):
            if not free(m):
                continue
            try:
                day = Hijri(int(m["year"]), self.hijri_month_of[m["month"]], int(m["day"])).to_gregorian()
            except (ValueError, OverflowError):
                continue  # outside the Umm al-Qura tables, or no such day
            take(m)
            found.append(DateMention(day.year, day.month, day.day, m.start(), m.end(), hijri=True))
        return sorted(found, key=lambda d: d.start)

    def weekday_in(self, text: str) -> str | None:
        """The first weekday named in ``text``, folded."""
        found = self._weekday.search(fold(text))
        return found["weekday"] if found else None

    def years(self, text: str) -> list[int]:
        return [int(y) for y in self._year.findall(fold(text))]

    def date_line(self, line: str, labels: "DateLabels") -> "DateLine | None":
        """What a line that is only a date (and its labels, clock, weekday, Hijri twin) says;
        ``None`` for a line that says more than a date. A day and month without a year count
        only with a weekday (the year can then be inferred)."""
        if len(line) > DATELINE_MAX_CHARS or not _DIGIT_RE.search(line) or line.count(" ") >= DATE_LINE_MAX_WORDS:
            return None  # a sentence with a number, not a date line (and not worth six regexes)
        mentions = [m for m in self.mentions(line) if m.day is not None]
        if not mentions:
            return None
        folded = fold(line)
        weekday = self._weekday.search(folded)
        gregorian = [m for m in mentions if m.complete and not m.hijri]
        chosen = (gregorian or [m for m in mentions if m.complete] or mentions)[0]
        if not chosen.complete and weekday is None:
            return None
        rest = folded
        for m in sorted(mentions, key=lambda m: -m.start):
            rest = rest[: m.start] + " " + rest[m.end :]
        # "4 اغسطس 2025 | آخر تحديث: 11:02": an update label after the date leaves it the
        # publication date; only a label before it makes it an update.
        update_before = _has(folded[: chosen.start], labels.update)
        rest = _ZONE_RE.sub(" ", rest)  # "بتوقيت أبوظبي" names a time zone, not where the clock is
        found = {name: _has(rest, words) for name, words in (
            ("publication", labels.publication), ("update", labels.update), ("widget", labels.widget),
            ("city", labels.cities),
        )}
        for words in (labels.publication, labels.update, labels.widget, labels.cities):
            rest = _words_re(words).sub(" ", rest)
        rest = self._weekday.sub(" ", rest)
        rest = self._hijri_word.sub(" ", rest)
        rest = _NOISE_RE.sub(" ", rest)
        leftover = [w for w in rest.split() if len(w) > 1]
        if len(leftover) > 1:
            return None
        return DateLine(
            text=line,
            mention=chosen,
            weekday=weekday["weekday"] if weekday else None,
            publication=found["publication"],
            update=update_before and not found["publication"],
            widget=found["widget"] or found["city"] or bool(_STAMP_RE.search(folded)),
            clock=bool(_CLOCK_RE.search(folded)),
            hijri=any(m.hijri for m in mentions),
        )

    def is_relative(self, line: str) -> bool:
        folded = fold(line)
        return any(re.search(rf"(?<![^\W\d_]){re.escape(m)}(?![^\W\d_])", folded) for m in self.relative_markers)

    # -- choosing ----------------------------------------------------------------------------

    def publication_date(
        self, candidates: list["DateLine"], lead: list[str], article_text: str, relative_lines: list[str]
    ) -> PublicationDate:
        """The publication date: the first of ``candidates`` (date lines, best first) that
        states a complete date; else a day and month with a weekday, its year inferred; else
        an "اليوم <weekday> <date>" phrase in the lead. Never the clock, never a relative date."""
        for line in candidates:
            if line.mention.complete:
                return PublicationDate(line.mention.iso(), False, "", line.text)
        for line in candidates:
            inferred = self._infer_year(line.mention, line.weekday, article_text)
            return replace(inferred, source=line.text)
        for paragraph in lead:
            folded = fold(paragraph)
            for today in self._today.finditer(folded):
                following = [m for m in self.mentions(paragraph) if m.start == today.end() and m.day]
                if not following:
                    continue
                mention = following[0]
                quoted = paragraph[: 160]
                if mention.complete:
                    return PublicationDate(mention.iso(), False, "", quoted)
                return replace(self._infer_year(mention, today["weekday"], article_text), source=quoted)
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


# What may stand beside a date on a date line: clock times, AM/PM, time zones, "الموافق",
# "هـ", reading time, punctuation and numbers.
_NOISE_RE = re.compile(
    r"\b(?:gmt|utc|am|pm)\b|بتوقيت(?:\s+\S+){0,2}|\d{1,2}:\d{2}(?::\d{2})?|(?<![^\W\d_])(?:الموافق|الموافق ل|صباحا|مساء|مساءا|"
    r"ص|م|هـ|ه|في|دقيقه قراءه|دقيقة قراءة|دقائق|دقيقه|قراءه|min read|read)(?![^\W\d_])|[^\w\s]|_|\d+"
)
_ZONE_RE = re.compile(r"بتوقيت(?:\s+\S+){0,2}")
_CLOCK_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
# "2024-11-02@13:05:44 GMT": a crawler's stamp
_STAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}\s*@\s*\d{1,2}:\d{2}")


@lru_cache(maxsize=64)
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as whole words, longest first: compiled once per label list."""
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])")


def _has(folded: str, words: tuple[str, ...]) -> bool:
    return _words_re(words).search(folded) is not None


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
