"""The taxonomy (topics, entities, publishers) loaded from YAML, and phrase matching on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import yaml

from .language.escape import sanitize
from .language.normalize import analyze, normalize

DEFAULT_PATH = Path(__file__).with_name("data") / "taxonomy.yaml"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Markup in a label or description: an HTML tag or entity, a Markdown link or emphasis run.
_MARKUP_RE = re.compile(r"<|>|&[#\w]+;|\]\(|`")
MAX_TEXT_CHARS = 600
MAX_TAXONOMY_BYTES = 4 * 1024 * 1024
# An entity's kind, shown on its page as a chip: a person, an organisation, or one of three
# kinds of place (a country; a city, town or village; a territory: a region, province,
# disputed area or corridor).
PLACE_KINDS = ("country", "city", "territory")
KINDS = ("person", *PLACE_KINDS, "organisation")
# Display names: the spellings a reader recognises besides the label.
MAX_NAMES = 3
REGIONS = ("caucasus", "russia", "involved", "other")


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message names the entry and the key."""


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    description: str
    patterns: tuple[str, ...]
    # Phrases that, in the same sentence as a pattern, say it is about something else
    # ("وقف إطلاق النار" beside "اتفاق سلام" is the 2020 ceasefire, not the peace treaty).
    vetoes: tuple[str, ...] = ()
    # The year the topic's story starts: an article whose date (or, undated, the latest
    # year it names) is earlier does not get it.
    since: int | None = None


@dataclass(frozen=True)
class Entity:
    slug: str
    label: str
    kind: str
    region: str
    description: str
    aliases: tuple[str, ...]
    tag: bool = True
    # The spellings a reader would recognise as the entity's name, besides the label, for
    # display only: matching uses ``aliases`` (adjectives and variants included), never these.
    names: tuple[str, ...] = ()

    @property
    def is_place(self) -> bool:
        """A country, a city or a territory."""
        return self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Source:
    slug: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    key: str
    start: int  # token index
    end: int  # token index, exclusive


Tokens = list[tuple[str, ...]]


class PhraseMatcher:
    """Finds taxonomy phrases in analysed text, longest match first, without overlaps.

    A phrase matches where each of its tokens is the same word as the text's token
    (their forms intersect, see :func:`digest.normalize.same_word`).
    """

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        # first form → (key, the phrase's later tokens as sets of forms)
        self._by_first: dict[str, list[tuple[str, tuple[frozenset[str], ...]]]] = {}
        for key, text in phrases:
            tokens = analyze(text)
            if not tokens:
                continue
            rest = tuple(frozenset(t) for t in tokens[1:])
            for form in tokens[0]:
                self._by_first.setdefault(form, []).append((key, rest))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[1]))
        self._firsts = frozenset(self._by_first)

    def find(self, tokens: Tokens) -> list[Match]:
        matches: list[Match] = []
        # Most tokens start no phrase: one set test each (in C) finds those that may.
        firsts = self._firsts
        starts = [i for i, token in enumerate(tokens) if not firsts.isdisjoint(token)]
        free = 0  # the first token not inside an earlier match
        for i in starts:
            if i < free:
                continue
            best: Match | None = None
            for form in tokens[i]:
                for key, rest in self._by_first.get(form, ()):
                    end = i + 1 + len(rest)
                    if best is not None and end - i <= best.end - best.start:
                        continue
                    if end <= len(tokens) and all(
                        not p.isdisjoint(t) for p, t in zip(rest, tokens[i + 1 : end])
                    ):
                        best = Match(key, i, end)
            if best is not None:
                matches.append(best)
                free = best.end
        return matches


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry or entry[key] in (None, "", []):
        raise TaxonomyError(f"{where}: missing '{key}'")
    return entry[key]


def _slug(entry: dict[str, Any], where: str, seen: set[str]) -> str:
    slug = str(_require(entry, "slug", where))
    if not _SLUG_RE.match(slug):
        raise TaxonomyError(f"{where}: slug '{slug}' must be lower-case ASCII words joined by '-'")
    if slug in seen:
        raise TaxonomyError(f"{where}: slug '{slug}' is used twice")
    seen.add(slug)
    return slug


def _text(value: Any, where: str, key: str) -> str:
    """A label or description: sanitised, one line, no markup (labels are printed on pages,
    in feeds and in the search index; a "<" in one is a mistake or an attack, either way an
    error naming the entry)."""
    if not isinstance(value, (str, int, float)):
        raise TaxonomyError(f"{where}: '{key}' must be text")
    text = " ".join(sanitize(str(value)).split())
    if _MARKUP_RE.search(text):
        raise TaxonomyError(f"{where}: '{key}' holds markup ({_MARKUP_RE.search(text).group()!r}): labels are plain text")  # type: ignore[union-attr]
    if len(text) > MAX_TEXT_CHARS:
        raise TaxonomyError(f"{where}: '{key}' is {len(text)} characters (at most {MAX_TEXT_CHARS})")
    return text


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    """A list of phrases (aliases, patterns, vetoes, cues): each must match something, i.e.
    keep at least one word once normalised ("" or "-" would match everywhere or nowhere)."""
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise TaxonomyError(f"{where}: '{key}' must be a list of strings")
    out = []
    for item in value:
        text = _text(item, where, key)
        if not normalize(text):
            raise TaxonomyError(f"{where}: '{key}' has {str(item)!r}, which has no letters or digits to match")
        out.append(text)
    return tuple(dict.fromkeys(out))


def _display_names(value: Any, where: str, label: str) -> tuple[str, ...]:
    """An entity's ``names``: at most MAX_NAMES plain-text spellings, none of them the label
    (once normalised: "أرارات" beside the label "آرارات" is no other name)."""
    if value is None:
        return ()
    names = _strings(value, where, "names")
    if len(names) > MAX_NAMES:
        raise TaxonomyError(f"{where}: 'names' has {len(names)} names (at most {MAX_NAMES} besides the label)")
    seen = {normalize(label): label}
    for name in names:
        key = normalize(name)
        if key in seen:
            other = "the label" if seen[key] == label else repr(seen[key])
            raise TaxonomyError(f"{where}: 'names' has {name!r}, which is {other} again")
        seen[key] = name
    return names


def _unique_names(file: str, section: str, names: list[tuple[str, str]]) -> None:
    """One name, one entry: an alias given to two entities would tag both (or, by order,
    silently only one)."""
    owner: dict[str, str] = {}
    for slug, alias in names:
        key = normalize(alias)
        if owner.setdefault(key, slug) != slug:
            raise TaxonomyError(f"{file}: {section}: alias {alias!r} is given to both '{owner[key]}' and '{slug}'")


def _names_of_others(file: str, entities: list[Entity]) -> None:
    """A display name that is another entity's alias names that entity, not this one
    ("موسكو" among Russia's names)."""
    owner = {normalize(alias): e.slug for e in entities for alias in e.aliases}
    for n, entity in enumerate(entities):
        for name in entity.names:
            other = owner.get(normalize(name), entity.slug)
            if other != entity.slug:
                raise TaxonomyError(f"{file}: entities[{n}]: 'names' has {name!r}, which names '{other}'")


class Taxonomy:
    def __init__(
        self, topics: list[Topic], entities: list[Entity], sources: list[Source], background_cues: tuple[str, ...] = ()
    ) -> None:
        self.topics = topics
        self.entities = entities
        self.sources = sources
        self.background_cues = background_cues
        self.topic_by_slug = {t.slug: t for t in topics}
        self.entity_by_slug = {e.slug: e for e in entities}

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> "Taxonomy":
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_TAXONOMY_BYTES + 1)
            if len(raw) > MAX_TAXONOMY_BYTES:
                raise TaxonomyError(f"{path}: larger than {MAX_TAXONOMY_BYTES} bytes")
            data = yaml.safe_load(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise TaxonomyError(f"{path}: {error}") from None
        except RecursionError:
            raise TaxonomyError(f"{path}: nested too deeply") from None
        if not isinstance(data, dict):
            raise TaxonomyError(f"{path}: expected a mapping with topics, entities, sources")
        seen: set[str] = set()
        topics = []
        for n, entry in enumerate(data.get("topics") or []):
            where = f"{path.name}: topics[{n}]"
            since = entry.get("since")
            if since is not None and (not isinstance(since, int) or not 1900 <= since <= 2100):
                raise TaxonomyError(f"{where}: 'since' must be a year")
            topics.append(Topic(
                slug=_slug(entry, where, seen),
                label=_text(_require(entry, "label", where), where, "label"),
                description=_text(entry.get("description", ""), where, "description"),
                patterns=_strings(_require(entry, "patterns", where), where, "patterns"),
                vetoes=_strings(entry.get("vetoes", []), where, "vetoes"),
                since=since,
            ))
        entities = []
        for n, entry in enumerate(data.get("entities") or []):
            where = f"{path.name}: entities[{n}]"
            kind, region = entry.get("kind"), entry.get("region")
            if kind not in KINDS:
                given = "missing" if kind is None else f"{str(kind)[:40]!r}"
                raise TaxonomyError(f"{where}: 'kind' is {given}; it must be one of {', '.join(KINDS)}")
            if region not in REGIONS:
                raise TaxonomyError(f"{where}: region must be one of {', '.join(REGIONS)}")
            label = _text(_require(entry, "label", where), where, "label")
            aliases = _strings(_require(entry, "aliases", where), where, "aliases")
            entities.append(Entity(
                slug=_slug(entry, where, seen), label=label, kind=kind, region=region,
                description=_text(entry.get("description", ""), where, "description"),
                aliases=tuple(dict.fromkeys((label, *aliases))),
                tag=bool(entry.get("tag", True)),
                names=_display_names(entry.get("names"), where, label),
            ))
        sources = []
        source_slugs: set[str] = set()
        for n, entry in enumerate(data.get("sources") or []):
            where = f"{path.name}: sources[{n}]"
            label = _text(_require(entry, "label", where), where, "label")
            sources.append(Source(
                slug=_slug(entry, where, source_slugs), label=label,
                aliases=tuple(dict.fromkeys((label, *_strings(entry.get("aliases", []), where, "aliases")))),
            ))
        if not topics:
            raise TaxonomyError(f"{path}: no topics")
        background = _strings(data.get("background_cues", []), path.name, "background_cues")
        _unique_names(path.name, "entities", [(e.slug, a) for e in entities for a in e.aliases])
        _names_of_others(path.name, entities)
        _unique_names(path.name, "sources", [(s.slug, a) for s in sources for a in s.aliases])
        return cls(topics, entities, sources, background)

    @cached_property
    def entity_matcher(self) -> PhraseMatcher:
        return PhraseMatcher((e.slug, alias) for e in self.entities for alias in e.aliases)

    @cached_property
    def topic_matcher(self) -> PhraseMatcher:
        return PhraseMatcher((t.slug, p) for t in self.topics for p in t.patterns)

    @cached_property
    def veto_matcher(self) -> PhraseMatcher:
        return PhraseMatcher((t.slug, p) for t in self.topics for p in t.vetoes)

    @cached_property
    def background_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(("background", p) for p in self.background_cues)

    @cached_property
    def source_matcher(self) -> PhraseMatcher:
        return PhraseMatcher((s.slug, alias) for s in self.sources for alias in s.aliases)

    @cached_property
    def source_by_slug(self) -> dict[str, Source]:
        return {s.slug: s for s in self.sources}

    @cached_property
    def _source_by_name(self) -> dict[str, Source]:
        return {normalize(alias): s for s in self.sources for alias in s.aliases}

    @cached_property
    def _source_name_words(self) -> int:
        # Names are short: a line with many more words is no name (and is not normalised).
        return 2 * max((len(a.split()) for s in self.sources for a in s.aliases), default=1) + 2

    def source_named(self, name: str) -> Source | None:
        """The publisher whose name (an alias) is exactly ``name``, if any."""
        if len(name.split()) > self._source_name_words:
            return None
        return self._source_by_name.get(normalize(name))

    def source_normalized(self, norm: str) -> Source | None:
        """As :meth:`source_named`, for a name already normalised."""
        return self._source_by_name.get(norm)
