"""Cleaning: the lines of a scraped page sorted into the article and what is not the article.

Every non-blank line ends in exactly one place: the title, the subtitle, a body paragraph
(possibly joined with the lines a hard line break split from it), or a :class:`Removed`
entry with its :class:`Kind`. Nothing is dropped without a record, so a test can account
for every line and a reader can see, folded, what was removed.

The page is read in passes, as an editor would read it:

1. Each line on its own: boilerplate of a known shape (masthead, navigation, ticker,
   subscribe line, scraper token, share widget, footer, credit, byline, source, keywords,
   hashtags, a line that is only a date) from the lexicons of ``data/boilerplate.yaml``.
   A crawler's prefix (`` date 2024-03-15``) is cut from the first line.
2. The body starts at the first line that reads as prose (a sentence of eight words or more,
   or a long line that shares its words with the rest of the page: a ticker does not).
3. The headline is chosen among the lines above the body by a score: the share of its words
   found in the article, whether the page repeats it, its length; a masthead, a section
   label or a ticker shares no words with the article. With no line that scores, the title
   comes from the lead.
4. The other lines above the body are placed by where they stand: before the headline a
   kicker or site furniture; after it the subtitle, captions, the byline.
5. The body: "read also" blocks, related lists, teasers, the headline again, paragraphs
   given twice; lines split by a hard line break are joined again.
6. Dates: a line labelled as the publication, else a date line under the headline, else a
   date in the lead's dateline (``يريفان في 14 مارس/أرمنبريس``), else one next to a headline
   it is not separated from by site furniture. A date shown as the page's clock (a Hijri
   masthead date above the masthead, "التوقيت في باكو", a crawler's stamp) is never used.
7. Publishers: "المصدر:" lines, a line that is a known outlet's name, the site's name
   repeated above and under the headline, the lead's dateline, "ظهرت المقالة … أولاً على".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from ..language.dates import Calendar, DateLabels, DateLine
from ..language.normalize import analyze, fold, normalize
from ..language.stem import stems
from ..language.text import ends_like_sentence, squash
from ..model import Kind, Removed
from ..taxonomy import Taxonomy
from .analysed import Analysed

BOILERPLATE_PATH = Path(__file__).parent.parent / "data" / "boilerplate.yaml"
# A line without a full stop and at most this many words reads as a headline, not prose.
HEADLINE_MAX_WORDS = 25
HEADLINE_MIN_WORDS = 3
HASHTAG_MAX_WORDS = 8
# A footer line ("جميع الحقوق محفوظة …") has at most this many words.
FOOTER_MAX_WORDS = 40
# A dateline on a line of its own: a city, a date, an outlet.
DATELINE_MAX_WORDS = 10
# A caption, a byline, a kicker: a short line.
SHORT_LINE_WORDS = 6
# A line this short over a photo credit is the photo's caption.
CAPTION_MAX_WORDS = 8
# What the headline scoring reads of the article: its first paragraphs.
LEAD_PARAGRAPHS = 8
# A line that shares less than this share of its words with the rest of the page is not
# the article (a ticker of other stories, a masthead).
MIN_OVERLAP = 0.3
# Fewer words than this in the article's lead: too little to judge a headline by.
MIN_LEAD_FORMS = 6
_LABEL_RE = re.compile(r"^(?P<label>[^:：]{1,30}?)\s*[:：]\s*(?P<value>.*)$")
_LIST_ITEM_RE = re.compile(r"^(?:[•\-*·▪◦–—►»]|\d{1,2}[.)-])\s*\S")
_WIDGET_SPLIT_RE = re.compile(r"\s*[|•/·،,\-–—]\s*")
_RELATIVE_PIECE_RE = re.compile(r"^(?:قبل|منذ)\s+\S+(?:\s+\S+)?$")
# "#تركيا #جنوب القوقاز": a line of hashtags (a headline with a hashtag or two is not one).
_HASHTAGS_RE = re.compile(r"^(?:#[^\s#][^#]*)+$")
# " date 2024-03-15", " date 2021-05": a crawler's prefix glued to the first line.
_CRAWLER_RE = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?(?:[T@ ]\d{2}:\d{2}(?::\d{2})?)?(?=\s|$)\s*", re.I)
_MENAFN_RE = re.compile(r"^\(?MENAFN\s*-\s*(?P<source>[^()]{2,60})\((?P<agency>[^()]{2,20})\)\)?$", re.I)
_AD_TOKEN_RE = re.compile(r"^\[ad_\d+\]\s*", re.I)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# Pieces of a menu or a ticker: separated by a bar, a bullet, a guillemet or a run of spaces.
_PIECES_RE = re.compile(r"\s{3,}|\t+|\s*[|•·»]\s*")
_BREADCRUMB_RE = re.compile(r"\s+[/»>]\s+")
# A title's tail that names the site: "<headline> | <site>", "<headline> - <site>".
_TITLE_TAIL_RE = re.compile(r"^(?P<head>.+?)\s+[|\-–—]\s+(?P<tail>[^|\-–—]{2,40})$")
# A kicker glued in front: "<kicker>| <headline>".
_KICKER_RE = re.compile(r"^(?P<kicker>[^|]{2,40}?)\s*\|\s*(?P<head>.+)$")
# "© الوسط الكويتية 2024", "© 2025 بي بي سي. …", "جميع الحقوق محفوظة © 2024 موقع X".
_COPYRIGHT_RE = re.compile(r"^(?:©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^\d©.|]{2,40}?)\s*(?:\d{4})?\s*(?:[.|،]|$)", re.I)
# What separates a dateline's place from its outlet: a bracket, a slash or a dash.
_DATELINE_MARK_RE = re.compile(r"[(/\-–—ـ]")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_TERMINAL_PROSE = ".:؛;…"


@dataclass
class Boilerplate:
    cut_markers: list[str]
    related_headings: list[str]
    source_labels: set[str]
    keyword_labels: set[str]
    photo_labels: set[str]
    byline_labels: set[str]
    date_labels: DateLabels
    widget_words: set[str]
    masthead_titles: list[str]
    subscribe_phrases: list[str]
    platforms: list[str]
    scraper_tokens: set[str]
    footer_phrases: list[str]
    section_labels: set[str]
    languages: set[str]
    credit_marks: set[str]
    bylines: set[str]
    continuations: list[str]
    stopwords: set[str]
    dateline_cities: list[str]
    origin_phrases: list[str]
    cite_cues: set[str]

    @classmethod
    def load(cls, path: Path = BOILERPLATE_PATH) -> "Boilerplate":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        norm = lambda key: [n for n in (normalize(str(x)) for x in data[key]) if n]  # noqa: E731
        folded = lambda key: tuple(fold(str(x)) for x in data[key])  # noqa: E731
        return cls(
            cut_markers=norm("cut_markers"),
            related_headings=norm("related_headings"),
            source_labels=set(norm("source_labels")),
            keyword_labels=set(norm("keyword_labels")),
            photo_labels=set(norm("photo_labels")),
            byline_labels=set(norm("byline_labels")),
            date_labels=DateLabels(
                folded("dateline_labels"), folded("update_labels"), folded("date_widget_labels"),
                folded("dateline_cities"),
            ),
            widget_words=set(norm("widget_words")),
            masthead_titles=norm("masthead_titles"),
            subscribe_phrases=norm("subscribe_phrases"),
            platforms=norm("platforms"),
            scraper_tokens={fold(str(x)).strip() for x in data["scraper_tokens"]} | set(norm("scraper_tokens")),
            footer_phrases=norm("footer_phrases"),
            section_labels=set(norm("section_labels")),
            languages={fold(str(x)) for x in data["languages"]},
            credit_marks=set(norm("credit_marks")) | {"©"},
            bylines=set(norm("bylines")),
            continuations=norm("continuations"),
            stopwords=set(norm("stopwords")),
            dateline_cities=norm("dateline_cities"),
            origin_phrases=norm("origin_phrases"),
            cite_cues=set(norm("cite_cues")),
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
    # Date lines that may state the publication, best first (see module docstring).
    date_lines: list[DateLine] = field(default_factory=list)
    relative_dates: list[str] = field(default_factory=list)
    source_names: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    # The lead's dateline ("يريفان في 14 مارس/أرمنبريس:"), cut from the first paragraph.
    dateline: str = ""
    # The site's own name, as its masthead gives it: the publisher when no line names one.
    site_names: list[str] = field(default_factory=list)


class Phrases:
    """Normalised phrases, looked up by a line's first words (a set lookup per prefix,
    not a scan of the list: lexicons grow, and every line of every seed asks)."""

    def __init__(self, phrases: list[str]) -> None:
        self.set = frozenset(phrases)
        self.longest = max((len(p.split()) for p in phrases), default=0)
        if self.longest > PREFIX_WORDS:
            raise ValueError(f"a boilerplate phrase is longer than {PREFIX_WORDS} words: {max(phrases, key=len)!r}")

    def starts(self, normalized_line: str) -> bool:
        return not self.set.isdisjoint(_prefixes(normalized_line)[: self.longest])


# The longest phrase a line may start with (lexicons of data/boilerplate.yaml).
PREFIX_WORDS = 8


@lru_cache(maxsize=256)
def _prefixes(normalized_line: str) -> tuple[str, ...]:
    """The line's first word, first two words, … up to PREFIX_WORDS: computed once per line
    and shared by every lexicon that asks (a line is asked by five or six)."""
    words = normalized_line.split(" ", PREFIX_WORDS)
    return tuple(" ".join(words[:k]) for k in range(1, min(len(words), PREFIX_WORDS) + 1))



def split_sources(value: str) -> list[str]:
    """"نوفوستي+Rt" → two publishers; separators are + ، , / | and "و" before a name."""
    return [p for p in (squash(x).strip("\"'«»“”()[]. ") for x in re.split(r"\s*[+،,/|&]\s*", value)) if p]


@dataclass
class _Line:
    """One non-blank line of the page and what the passes make of it."""

    raw: str  # as in the seed, runs of spaces kept (they separate menu and ticker pieces)
    text: str  # squashed
    words: list[str]
    head: str  # its first words, normalised (boilerplate phrases match at the start)
    kind: Kind | None = None
    date: DateLine | None = None
    names: list[str] = field(default_factory=list)  # publishers this line names
    masthead_title: bool = False  # a staff title alone: the next line is the name
    relative: bool = False  # a relative date ("قبل شهر", "منذ 34 دقيقة")
    content: list[tuple[str, ...]] | None = None  # its content words, analysed once (see Cleaner._words)
    norm: str | None = None  # normalised, as far as a headline reaches (see Cleaner._norm)
    pieces: list[str] | None = None  # split at bars and runs of spaces (see Cleaner._pieces)


class Cleaner:
    def __init__(self, taxonomy: Taxonomy, calendar: Calendar, rules: Boilerplate | None = None) -> None:
        self.taxonomy = taxonomy
        self.calendar = calendar
        self.rules = rules or boilerplate()
        # Boilerplate phrases are matched at the start of a line: normalising the line's
        # first words is enough (a paragraph is long; normalising all of it here would be
        # most of the cleaner's time). Twice the longest phrase, so that punctuation-only
        # words at the start cannot push a phrase out of the head.
        phrases = self.rules.cut_markers + self.rules.related_headings + self.rules.masthead_titles
        longest = max((len(p.split()) for p in phrases), default=1)
        self._head_words = 2 * longest + 4
        # A line longer than any boilerplate but a "read also" marker, a continuation or an
        # origin line ("ظهرت المقالة …") is only asked for those: a shorter head will do.
        long_phrases = self.rules.cut_markers + self.rules.origin_phrases + self.rules.continuations
        self._long_head_words = 2 * max((len(p.split()) for p in long_phrases), default=1) + 2
        self._analysed = Analysed()
        # A token (its forms) → its stems, or () for a function word: memoised per cleaner (a
        # news vocabulary is small, and the headline scorer reads the lead's every word).
        self._content_word = lru_cache(maxsize=65536)(self._content_word)  # type: ignore[method-assign]
        self._cut = Phrases(self.rules.cut_markers)
        self._related = Phrases(self.rules.related_headings)
        self._mastheads = Phrases(self.rules.masthead_titles)
        self._subscribe_phrases = Phrases(self.rules.subscribe_phrases)
        self._continuations = Phrases(self.rules.continuations)
        self._cities = Phrases(self.rules.dateline_cities)
        self._origins = Phrases(self.rules.origin_phrases)
        # A widget piece is a widget word, a number or a relative date ("قبل ساعتين"): a
        # longer piece is text, whatever its words.
        self._widget_piece_words = 2 * max((len(w.split()) for w in self.rules.widget_words), default=1) + 3

    # -- the passes ----------------------------------------------------------------------------

    def clean(self, text: str, analysed: Analysed | None = None) -> Cleaned:
        """``analysed``: the article's sentence memo, shared with the enricher."""
        self._analysed = analysed or Analysed()
        out = Cleaned()
        lines = self._lines(text, out)
        for index, line in enumerate(lines):
            self._classify(line, lines[index - 1] if index else None)
        start = self._body_start(lines)
        header, rest = lines[:start], lines[start:]
        lead_forms = self._forms_of(rest[:LEAD_PARAGRAPHS])
        headline = self._headline(header, lines, lead_forms)
        labelled, under, update, fallback = self._date_lines(lines, headline, start)
        self._place_header(header, headline, lead_forms, out)
        self._body(rest, out, lead_forms)
        dateline = self._lead_dateline(out)
        out.date_lines = labelled + under + ([dateline] if dateline else []) + update + fallback
        for line in lines:
            out.source_names.extend(line.names)
        out.site_names.extend(self._copyright_holders(rest))
        out.removed = [r for r in out.removed if r.text]
        return out

    def _lines(self, text: str, out: Cleaned) -> list[_Line]:
        lines = []
        for raw in text.split("\n"):
            if not raw.strip():
                continue
            if not lines:
                prefix = _CRAWLER_RE.match(raw)
                if prefix:
                    out.removed.append(Removed(Kind.SCRAPER, prefix.group().strip()))
                    raw = raw[prefix.end():]
            token = _AD_TOKEN_RE.match(raw.strip())
            if token:
                out.removed.append(Removed(Kind.SCRAPER, token.group().strip()))
                raw = raw.strip()[token.end():]
            text_ = squash(raw)
            if not text_:
                continue
            words = text_.split()
            head = self._head_words if len(words) <= FOOTER_MAX_WORDS else self._long_head_words
            lines.append(_Line(raw, text_, words, normalize(" ".join(words[:head]))))
        return lines

    def _classify(self, line: _Line, previous: _Line | None) -> None:
        """Pass 1: what a line is on its own, if it is boilerplate of a known shape."""
        rules, text, norm = self.rules, line.text, line.head
        n = len(line.words)
        # A sentence of nine words or more ending in a full stop is no menu, ticker or widget:
        # those checks (below) split the line into pieces, which costs.
        stop = n > 8 and text.endswith(".")
        if self._cut.starts(norm):
            line.kind = Kind.READ_ALSO
        elif n <= 8 and self._related.starts(norm):
            line.kind = Kind.RELATED
        elif n <= FOOTER_MAX_WORDS and any(p in norm for p in rules.footer_phrases):
            line.kind = Kind.FOOTER
        elif n > HEADLINE_MAX_WORDS and ends_like_sentence(text):
            return  # a paragraph: no other boilerplate is this long and ends so
        elif self._labelled(line):
            pass
        elif _HASHTAGS_RE.match(text) and n <= HASHTAG_MAX_WORDS and text.count("#") * 2 >= n:
            line.kind = Kind.HASHTAGS
        elif n <= 12 and self._mastheads.starts(norm):
            line.kind = Kind.MASTHEAD
            line.masthead_title = any(norm == t for t in rules.masthead_titles)
        elif previous is not None and previous.masthead_title and n <= 5:
            line.kind = Kind.MASTHEAD  # the name under a staff title
        elif _URL_RE.match(text) or self._scraper_token(line):
            line.kind = Kind.SCRAPER
        elif self._subscribe(norm, n):
            line.kind = Kind.SUBSCRIBE
        elif not stop and self._ticker(line):
            line.kind = Kind.TICKER
        elif not stop and self._navigation(line):
            line.kind = Kind.NAVIGATION
            line.relative = self.calendar.is_relative(text)  # "قبل شهر 1 | الأخبار"
        elif (menafn := _MENAFN_RE.match(text)) is not None:
            line.kind = Kind.SOURCE  # "(MENAFN- Kuwait News Agency (KUNA))": the wire and its agency
            line.names.extend(["MENAFN", menafn["agency"].strip()])
        elif (date := self.calendar.date_line(text, rules.date_labels)) is not None:
            line.date = date
            line.kind = Kind.DATELINE  # or a widget: decided by where it stands
            if self._cities.starts(norm):
                # "باكو 1 رمضان 1446 هـ الموافق 01 مارس 2025 م واس": a dateline on its own line
                line.date = replace(date, widget=False)
                line.names.extend(self._known_sources(text))
        elif not stop and self._is_widget(text):
            line.relative = self.calendar.is_relative(text)
            line.kind = Kind.DATE_WIDGET if line.relative else Kind.WIDGET
        elif self._credit(line):
            line.kind = Kind.PHOTO_CREDIT
        elif n <= DATELINE_MAX_WORDS and _DATELINE_MARK_RE.search(text) \
                and (dateline := self._dateline_of(text + " ", set())) is not None \
                and len(dateline[0]) >= len(text) - 1:
            # "باكو، 5 يونيو، (أذرتاج)" on a line of its own: the lead's dateline, not a headline.
            line.kind = Kind.DATELINE
            line.date = self._dateline_date(text)
            line.names.append(dateline[1])
        elif n <= 4 and norm in rules.bylines:  # a line this short: its head is all of it
            line.kind = Kind.BYLINE
        elif (origin := self._origin(line)) is not None:
            line.kind = Kind.SOURCE
            line.names.append(origin)
        elif n <= self._head_words and self.taxonomy.source_normalized(norm) is not None:
            # The whole line is a known outlet's name (its head is all of it; brackets and
            # quotes around it are not tokens).
            line.kind = Kind.SOURCE
            line.names.append(text.strip("()[]«»\"'.-–— "))

    def _labelled(self, line: _Line) -> bool:
        labelled = _LABEL_RE.match(line.text)
        if not labelled:
            return False
        rules = self.rules
        label, value = normalize(labelled["label"]), labelled["value"].strip()
        if label in rules.source_labels and value and len(value.split()) <= 6:
            line.kind = Kind.SOURCE
            line.names.extend(split_sources(value))
        elif label in rules.keyword_labels:
            line.kind = Kind.KEYWORDS
        elif label in rules.photo_labels and len(line.words) <= 15:
            line.kind = Kind.PHOTO_CREDIT
        elif label in rules.byline_labels and len(value.split()) <= 6:
            line.kind = Kind.BYLINE
        return line.kind is not None

    def _scraper_token(self, line: _Line) -> bool:
        if len(line.text) > 40:
            return False
        key = fold(line.text).strip(" .:…")
        return key in self.rules.scraper_tokens or line.head in self.rules.scraper_tokens

    def _subscribe(self, norm: str, words: int) -> bool:
        rules = self.rules
        if words > 25 or not self._subscribe_phrases.starts(norm):
            return False
        return words <= 6 or any(p in norm for p in rules.platforms)

    def _pieces(self, line: _Line) -> list[str]:
        if line.pieces is None:
            line.pieces = [p for p in (squash(x) for x in _PIECES_RE.split(line.raw.strip())) if p]
        return line.pieces

    def _ticker(self, line: _Line) -> bool:
        """Other headlines run together: three or more pieces of three words or more,
        separated by runs of spaces or bars, on one long line."""
        if len(line.words) < 12:
            return False
        pieces = self._pieces(line)
        return len(pieces) >= 3 and sum(len(p.split()) >= 3 for p in pieces) >= 3

    def _navigation(self, line: _Line) -> bool:
        rules = self.rules
        n = len(line.words)
        if n <= 4 and line.head in rules.section_labels:
            return True
        if n <= 6 and all(w in rules.languages for w in fold(line.text).replace("|", " ").split()):
            return True  # "Ru En", "EN | FR"
        for pieces in (self._pieces(line), [p for p in _BREADCRUMB_RE.split(line.text) if p]):
            if len(pieces) >= 3 and all(len(p.split()) <= 4 for p in pieces):
                return True
        return False

    def _credit(self, line: _Line) -> bool:
        if len(line.words) > 10:
            return False
        text = line.text
        if "©" in text:
            return True
        tail = re.split(r"\s*/\s*|\s*\(\s*", text)[-1].strip(" )")
        if ("/" in text or "(" in text) and normalize(tail) in self.rules.credit_marks:
            return True  # "… / AA", "Ron Sachs / Globallookpress", "… (أرشيفية)"
        return line.head in self.rules.credit_marks  # ten words at most: the head is the line

    def _known_sources(self, text: str) -> list[str]:
        tokens = analyze(text)
        return [self.taxonomy.source_by_slug[m.key].label for m in self.taxonomy.source_matcher.find(tokens)]

    def _origin(self, line: _Line) -> str | None:
        """"ظهرت المقالة <headline> أولاً على <outlet>." → the outlet."""
        if not self._origins.starts(line.head):
            return None
        found = re.search(r"(?:أولا|أولاً|اولا|اول مرة على موقع|أول مرة على)\s*(?:على)?\s*[:：]?\s*(?P<name>[^.]{2,40})\.?$", line.text)
        return found["name"].strip() if found else None

    # -- pass 2: where the body starts ------------------------------------------------------------

    def _prose(self, line: _Line) -> bool:
        n = len(line.words)
        stripped = line.text.rstrip().rstrip("\"”»')]}’").rstrip()
        if stripped and stripped[-1] in ".…" and n >= HEADLINE_MIN_WORDS:
            return True  # a sentence, however short (headlines rarely end with a full stop)
        if n >= 8 and stripped and stripped[-1] in _TERMINAL_PROSE:
            return True
        return n > HEADLINE_MAX_WORDS

    def _body_start(self, lines: list[_Line]) -> int:
        for index, line in enumerate(lines):
            if line.kind is None and self._prose(line):
                if not ends_like_sentence(line.text) and not self._shares_words(line, lines[index + 1 : index + 1 + LEAD_PARAGRAPHS]):
                    line.kind = Kind.TICKER  # a long line of other headlines
                    continue
                return index
        # A short page: the body starts at the first sentence, however short.
        for index, line in enumerate(lines):
            if line.kind is None and ends_like_sentence(line.text) and line.text.rstrip()[-1] not in "؟?!":
                return index
        return len(lines)

    def _continues(self, line: _Line) -> bool:
        return self._continuations.starts(line.head)

    # -- pass 3: the headline -----------------------------------------------------------------------

    def _content(self, text: str) -> list[tuple[str, ...]]:
        """A text's content words, each as its light stems (function words left out)."""
        content = self._content_word
        return [c for c in map(content, self._analysed.tokens(text)) if c]

    def _content_word(self, word: tuple[str, ...]) -> tuple[str, ...]:
        if len(word[0]) <= 1 or word[0] in self.rules.stopwords:
            return ()
        return stems(word)

    def _words(self, line: _Line) -> list[tuple[str, ...]]:
        if line.content is None:
            line.content = self._content(line.text)
        return line.content

    def _norm(self, line: _Line) -> str:
        """The line's normalised text, as far as a headline reaches (its first words)."""
        if line.norm is None:
            n = HEADLINE_MAX_WORDS + 6
            line.norm = line.head if len(line.words) <= self._head_words else normalize(" ".join(line.words[:n]))
        return line.norm

    def _starts_with(self, line: _Line, norm: str) -> bool:
        """The line is ``norm`` or starts with it (a headline repeated, or as the lead's first
        words). Its normalised head, already at hand, rules out nearly every line at once."""
        if not (line.head.startswith(norm) or norm.startswith(line.head)):
            return False
        full = self._norm(line)
        return full == norm or full.startswith(norm + " ")

    def _forms_of(self, lines: list[_Line]) -> set[str]:
        forms: set[str] = set()
        for line in lines:
            if line.kind is None:
                for token in self._words(line):
                    forms.update(token)
        return forms

    def _overlap(self, text: "str | _Line", forms: set[str]) -> float:
        tokens = self._words(text) if isinstance(text, _Line) else self._content(text)
        if not tokens or not forms:
            return 0.0
        return sum(1 for t in tokens if not forms.isdisjoint(t)) / len(tokens)

    def _shares_words(self, line: _Line, following: list[_Line]) -> bool:
        forms = self._forms_of(following)
        return not forms or self._overlap(line, forms) >= MIN_OVERLAP / 2

    def _headline(self, header: list[_Line], lines: list[_Line], lead_forms: set[str]) -> int | None:
        """The index (in ``header``) of the headline, or None when no line scores as one."""
        scored: list[tuple[float, int]] = []
        for index, line in enumerate(header):
            n = len(line.words)
            if line.kind is not None or n < HEADLINE_MIN_WORDS or n > HEADLINE_MAX_WORDS + 5:
                continue
            if self._continues(line):
                continue  # "وحول …": the page starts mid-article
            if _LATIN_RE.search(line.text) and not _ARABIC_RE.search(line.text):
                continue
            # A short line over a photo credit ("… / AA", "© AP") is the photo's caption.
            credited = (
                index + 1 < len(header) and header[index + 1].kind is Kind.PHOTO_CREDIT
                and len(header[index + 1].words) <= 4  # "© AP", not a caption ending in "/ AA"
            )
            if credited and n <= CAPTION_MAX_WORDS:
                continue
            # With next to no article to compare it with, a headline-shaped line stands.
            overlap = self._overlap(line, lead_forms) if len(lead_forms) >= MIN_LEAD_FORMS else 1.0
            norm = self._norm(line)
            repeated = any(other is not line and self._starts_with(other, norm) for other in lines)
            neighbour = any(
                0 <= j < len(header) and self._norm(header[j]) == norm for j in (index - 1, index + 1)
            )
            if neighbour and n <= SHORT_LINE_WORDS - 1:
                repeated = False  # two identical short lines in a row: a photo's alt and caption
            if overlap < MIN_OVERLAP and not (repeated and overlap >= MIN_OVERLAP / 2):
                continue
            score = overlap + (0.3 if repeated else 0.0) + 0.04 * min(n, 12)
            if n > 18:
                score -= 0.15
            if n < 5:
                score -= 0.3  # a caption or a name rather than a headline
            if credited:
                score -= 0.3
            scored.append((score, index, overlap))
        if not scored:
            return None
        # The headline comes first: captions, standfirsts and bylines follow it.
        best = max(score for score, _, _ in scored)
        return min(index for score, index, overlap in scored if score >= best - 0.3 and overlap >= MIN_OVERLAP + 0.1
                   or score == best)

    # -- pass 4: the lines above the body -------------------------------------------------------------

    def _place_header(self, header: list[_Line], headline: int | None, lead_forms: set[str], out: Cleaned) -> None:
        if headline is not None:
            line = header[headline]
            title = line.text
            kicker = _KICKER_RE.match(title)
            # "عاجل | …", "فيديو | …": a section's label, not the headline's words. A topical
            # kicker ("أرمينيا وأذربيجان | …") is part of the headline as the outlet gives it.
            if kicker and normalize(kicker["kicker"]) in self.rules.section_labels and len(kicker["head"].split()) >= HEADLINE_MIN_WORDS:
                title = kicker["head"]
            tail = _TITLE_TAIL_RE.match(title)
            if tail and self.taxonomy.source_named(tail["tail"]) is not None:
                title, line.names = tail["head"], [tail["tail"]]
            out.title = squash(re.sub(r"#(?=[^\W_])", "", title))  # "#أرمينيا" → "أرمينيا"
            line.kind = Kind.TITLE
            title_norm = normalize(line.text)
        else:
            title_norm = ""
        # The page's first short line, sharing no words with the article, is the site's
        # name (its logo's text) when it stands above the headline.
        if header:
            first = next((i for i, line in enumerate(header[:3]) if line.kind is None), None)
            if first is not None and first < (len(header) if headline is None else headline):
                line = header[first]
                if (
                    len(line.words) <= 4 and self._overlap(line, lead_forms) < MIN_OVERLAP
                    and not self._continues(line) and _ARABIC_RE.search(line.text)
                    # "Az Ru En عربي" is a language switch; "BBC News عربي" a name.
                    and self._names_something(line)
                    # "هەواڵ / کوردستان / جیهان": the first item of a menu, one per line.
                    and not (len(header[first + 1 : first + 3]) == 2 and all(
                        len(h.words) <= 2 and h.kind in (None, Kind.NAVIGATION) for h in header[first + 1 : first + 3]
                    ))
                ):
                    line.kind = Kind.MASTHEAD
                    out.site_names.append(line.text)
        # A short line seen both above and under the headline is the site's name.
        shorts: dict[str, list[int]] = {}
        for index, line in enumerate(header):
            if line.kind is None and len(line.words) <= 4:
                shorts.setdefault(normalize(line.text), []).append(index)
        for index, line in enumerate(header):
            if line.kind is not None:
                continue  # placed by its shape (dates: by _date_lines)
            norm = normalize(line.text)
            n = len(line.words)
            if title_norm and norm == title_norm:
                line.kind = Kind.DUPLICATE_TITLE
            elif headline is not None and index < headline:
                same = shorts.get(norm, [])
                if any(j > headline for j in same) and not any(j == index + 1 for j in same):
                    line.kind = Kind.MASTHEAD
                    out.site_names.append(line.text)
                else:
                    line.kind = Kind.KICKER if index == headline - 1 and n <= SHORT_LINE_WORDS else Kind.MASTHEAD
            elif headline is not None:
                same = shorts.get(norm, [])
                if any(j < headline for j in same) and not any(abs(j - index) == 1 for j in same):
                    line.kind = Kind.SOURCE
                    out.site_names.append(line.text)
                elif (
                    out.subtitle is None and n >= 8 and not any(h.kind is Kind.CAPTION for h in header[index + 1 :])
                    and self._overlap(line, lead_forms) >= MIN_OVERLAP
                ):
                    out.subtitle = line.text
                    line.kind = Kind.SUBTITLE
                elif n <= SHORT_LINE_WORDS + 2 or self._only_entities(line.text):
                    line.kind = Kind.CAPTION if n > 3 or index > headline + 1 else Kind.BYLINE
                else:
                    line.kind = Kind.CAPTION if self._overlap(line, lead_forms) >= MIN_OVERLAP else Kind.TEASER
            else:
                # No headline: everything above the body is site furniture.
                line.kind = Kind.MASTHEAD if n <= SHORT_LINE_WORDS else Kind.TEASER
        for line in header:
            self._remove(line, out)

    @staticmethod
    def _remove(line: _Line, out: Cleaned) -> None:
        """A line that is not body text: recorded with its kind, and what it carries kept."""
        out.removed.append(Removed(line.kind or Kind.MASTHEAD, line.text))
        if line.kind is Kind.KEYWORDS:
            out.keywords.append(_LABEL_RE.match(line.text)["value"].strip())  # type: ignore[index]
        elif line.kind is Kind.HASHTAGS:
            out.hashtags.extend(t for t in (squash(x) for x in line.text.split("#")) if t)
        if line.relative:
            out.relative_dates.append(line.text)

    # -- pass 5: the body --------------------------------------------------------------------------

    def _body(self, lines: list[_Line], out: Cleaned, lead_forms: set[str]) -> None:
        title_norm = normalize(out.title) if out.title else ""
        seen: set[str] = set()
        in_related = False
        pending: _Line | None = None  # a line a hard line break left unfinished
        for index, line in enumerate(lines):
            if line.kind is Kind.READ_ALSO:
                # "Read also" blocks glue whole other stories to the end of a page.
                out.removed.extend(Removed(Kind.READ_ALSO, rest.text) for rest in lines[index:])
                if pending is not None:
                    out.body.append(pending.text)
                    pending = None
                break
            if in_related:
                if line.kind is None and (_LIST_ITEM_RE.match(line.text) or self._headline_shaped(line.text)):
                    out.removed.append(Removed(Kind.RELATED, line.text))
                    continue
                in_related = False
            if line.kind is not None:
                if pending is not None:
                    out.body.append(pending.text)
                    pending = None
                self._remove(line, out)
                in_related = line.kind is Kind.RELATED
                continue
            text = line.text
            if pending is not None:
                text = pending.text + " " + text
                pending = None
            if index + 1 < len(lines) and self._broken(text, lines[index + 1]):
                pending = _Line(line.raw, text, text.split(), line.head)
                continue
            # The headline again (its normalised head rules out nearly every paragraph at once).
            again = (
                title_norm != "" and len(text.split()) <= 2 * HEADLINE_MAX_WORDS
                and (text != line.text or line.head.startswith(title_norm) or title_norm.startswith(line.head))
                and normalize(text) == title_norm
            )
            if again:
                out.removed.append(Removed(Kind.DUPLICATE_TITLE, text))
            elif self._headline_shaped(text) and text == line.text:
                if self._only_entities(text):
                    out.keywords.append(text)
                    out.removed.append(Removed(Kind.TAG_LINE, text))
                elif len(text.split()) <= 3 and self._overlap(text, lead_forms) >= MIN_OVERLAP:
                    out.body.append(text)  # a subheading of the article
                else:
                    # A headline between or after paragraphs links to another story.
                    out.removed.append(Removed(Kind.TEASER, text))
            elif text in seen:
                out.removed.append(Removed(Kind.DUPLICATE, text))
            else:
                seen.add(text)
                out.body.append(text)
        else:
            if pending is not None:
                out.body.append(pending.text)

    def _broken(self, text: str, following: _Line) -> bool:
        """The line was cut by a hard line break: it ends inside a sentence and the next line
        goes on with it (it ends on a function word, an opening quote, or a name the next
        line completes)."""
        if following.kind is not None or ends_like_sentence(text):
            return False
        last = text.split()[-1]
        if last[-1] in "\"«“(" or normalize(last) in self.rules.stopwords:
            return True
        if len(text.split()) < 4:
            return False
        joined = analyze(" ".join(text.split()[-2:]) + " " + " ".join(following.words[:2]))
        left = len(analyze(" ".join(text.split()[-2:])))
        return any(m.start < left < m.end for m in self.taxonomy.entity_matcher.find(joined))

    def _lead_dateline(self, out: Cleaned) -> DateLine | None:
        """"يريفان في 14 مارس/أرمنبريس: …", "أنقرة (زمان التركية) – …", "القاهرة – مصراوي":
        the publisher (and a date) at the start of the lead, cut from it. Returns the date
        it gives (a day and month without a year count only with a weekday)."""
        if not out.body:
            return None
        found = self._dateline_of(out.body[0], {normalize(n) for n in out.site_names})
        if found is None:
            return None
        head, name = found
        out.dateline = head
        if name:
            out.source_names.insert(0, name)
        out.removed.append(Removed(Kind.DATELINE, head))
        rest = out.body[0][len(head):].strip()
        if rest:
            out.body[0] = rest
        else:
            out.body.pop(0)
        return self._dateline_date(head)

    def _dateline_date(self, head: str) -> DateLine | None:
        """The date a dateline gives: a day and month without a year only with a weekday."""
        mentions = [m for m in self.calendar.mentions(head) if m.day is not None]
        weekday = self.calendar.weekday_in(head)
        if not mentions or not (mentions[0].complete or weekday):
            return None
        return DateLine(head, mentions[0], weekday, False, False, False, False, mentions[0].hijri)

    _DATELINE_RE = re.compile(
        r"^\(?(?:MENAFN\s*-\s*[^()]{2,60}\([^()]{2,20}\)\)\s*)?"
        r"(?P<city>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2})\s*(?:،|,|\.|-|–|—|ـ|في)?\s*"
        r"(?P<date>[^()/:]{0,30}?)\s*[,،]?\s*"
        r"(?:\(\s*(?P<bracketed>[^()/:\n]{2,40}?)\s*\)|/\s*(?P<slashed>[^()/:\n]{2,40}?)\s*(?:/|(?=[:\-–—]))|[-–—ـ]\s*(?P<dashed>[^\W\d_][^:،,.\-–—]{1,30}?)(?=\s*[:\-–—]|\s*$))"
        r"\s*(?P<end>[:\-–—ـ.]+|\s)"
    )

    def _dateline_of(self, paragraph: str, site_names: set[str]) -> tuple[str, str] | None:
        head = paragraph[:120]
        if not _DATELINE_MARK_RE.search(head, 0, 80):
            return None  # no bracket, slash or dash near the start: no dateline (and no costly match)
        match = self._DATELINE_RE.match(head)
        if not match:
            return None
        city = normalize(match["city"])
        known_city = self._cities.starts(city)
        name = (match["bracketed"] or match["slashed"] or match["dashed"] or "").strip(" \"'«»“”")
        if not name:
            return None
        known = self.taxonomy.source_named(name)
        site = normalize(name) in site_names
        if not known_city and known is None:
            return None
        if match["dashed"] and known is None and not site:
            return None  # "القاهرة - قال …": a dash after a city is a dateline only before an outlet
        date = match["date"].strip(" -–—،,")
        if date and not any(ch.isdigit() for ch in date):
            return None  # words between the city and the outlet: prose, not a dateline
        return match.group().rstrip(), name

    def _names_something(self, line: _Line) -> bool:
        """Not only a language switch: a word besides language names, Arabic or of three
        letters or more ("آذر عربي", "BBC News عربي"; not "Az Ru En Ge عربي")."""
        return any(
            w not in self.rules.languages and (_ARABIC_RE.search(w) or len(w) >= 3)
            for w in fold(line.text).split()
        )

    def _copyright_holders(self, lines: list[_Line]) -> list[str]:
        """"© الوسط الكويتية 2024", "© 2025 بي بي سي.": the site under the article names
        itself (a photo credit names an agency, and carries no year)."""
        names = []
        for line in lines:
            if line.kind not in (Kind.PHOTO_CREDIT, Kind.FOOTER) or not _YEAR_RE.search(line.text):
                continue
            found = _COPYRIGHT_RE.match(line.text)
            if found:
                name = found["name"].strip(" -–—|،,")
                if name and normalize(name) not in self.rules.credit_marks and len(name.split()) <= 4:
                    names.append(name)
        return names

    # -- pass 6: dates ------------------------------------------------------------------------------

    def _date_lines(self, lines: list[_Line], headline: int | None, start: int) -> tuple[list[DateLine], ...]:
        """Date lines that may state the publication, in four groups from best to worst
        (labelled, under the headline, labelled as an update, just above the headline); the
        others are marked as widgets. ``headline`` indexes the header, ``lines[:start]``."""
        labelled, under, update, fallback = [], [], [], []
        furniture = {Kind.MASTHEAD, Kind.NAVIGATION, Kind.TICKER, Kind.SUBSCRIBE, Kind.TEASER}
        anchor = headline if headline is not None else start  # what a date line stands next to
        for index, line in enumerate(lines):
            date = line.date
            if date is None or line.kind is not Kind.DATELINE:
                continue
            if date.widget:
                line.kind = Kind.DATE_WIDGET
            elif date.publication:
                labelled.append(date)
            elif date.update:
                update.append(date)
            elif index < start and index > anchor:
                under.append(date)
            elif index < start and index < anchor and not date.hijri:
                # A photo (its scraper token, caption and credit) may stand in between.
                between = [b for b in lines[index + 1 : anchor] if b.kind not in (Kind.SCRAPER, Kind.PHOTO_CREDIT)]
                if len(between) <= 2 and not any(b.kind in furniture for b in between):
                    fallback.append(date)
                else:
                    line.kind = Kind.DATE_WIDGET
            elif index < start:
                line.kind = Kind.DATE_WIDGET
        return labelled, under, update, fallback

    # -- helpers ------------------------------------------------------------------------------------

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
            if re.fullmatch(r"\d+\s+\S+\s+ago", fold(piece).strip()):
                continue  # "7 months ago"
            return False
        return True

    @staticmethod
    def _headline_shaped(line: str) -> bool:
        return not ends_like_sentence(line) and len(line.split()) <= HEADLINE_MAX_WORDS

    def _only_entities(self, line: str) -> bool:
        tokens = analyze(line)
        matches = self.taxonomy.entity_matcher.find(tokens)
        return bool(tokens) and sum(m.end - m.start for m in matches) == len(tokens)
