"""Enrichment: tags, entities, topics and their evidence, from the cleaned text.

The topic rule, as a news editor would apply it: a topic pattern counts in a sentence when
that sentence is about the South Caucasus, i.e. it names a ``caucasus`` entity, or it names
no place of another conflict and a neighbouring sentence of the same paragraph names a
``caucasus`` entity; and when the sentence names none of the topic's vetoes (the 2020
ceasefire beside "اتفاق سلام"). Boilerplate was removed before this runs, so it never counts.

Subject or mention: a topic is part of the article's subject (``topics``) when the headline
names it or a sentence has it in a main clause; when every sentence has it only inside a
background clause (after "الذي", "في ظل", "بعد", "على خلفية" … in the same clause: the
``background_cues`` of the taxonomy) it is a passing mention (``mentions``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..language.normalize import TOKEN_RE, analyze, normalize
from ..language.text import squash
from ..taxonomy import Taxonomy, Tokens
from .analysed import Analysed

MAX_EVIDENCE = 3
# A tag coming from the seed (hashtag, keyword) is a short run of letters and digits: it is
# printed by templates that do not escape, so nothing else may pass.
_TAG_JUNK_RE = re.compile(r"[^\w\s]|_")
MAX_TAG_WORDS = 4
# Tags per article (entities first, then the page's own keywords and hashtags), and the
# keywords and hashtags read from a page.
MAX_TAGS = 20
MAX_KEYWORDS = 30


@dataclass
class Enrichment:
    entities: list[str]
    tags: list[str]
    topics: list[str]
    mentions: list[str]
    evidence: dict[str, list[str]]
    cited: list[str]


def clean_tag(text: str) -> str:
    return squash(_TAG_JUNK_RE.sub(" ", text))[:60].strip()


# Clause boundaries inside a sentence: a background cue reaches to the next one.
_CLAUSE_RE = re.compile(r"[،,؛;:()«»\"“”]|\s[-–—]\s")


@dataclass(frozen=True)
class _Sentence:
    """One sentence, analysed once: its folded text, its tokens and the entities it
    names, in order."""

    text: str
    folded: str
    tokens: Tokens
    entities: list[str]

    def clauses(self) -> list[int]:
        """The clause of each token: the number of clause marks before it (the marks are
        punctuation, which folding keeps and tokens never contain). Only a sentence with a
        topic asks, so it is not computed for every sentence."""
        marks = [m.start() for m in _CLAUSE_RE.finditer(self.folded)]
        if not marks:
            return [0] * len(self.tokens)
        return [bisect_right(marks, m.start()) for m in TOKEN_RE.finditer(self.folded)]


class Enricher:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def _entities_in(self, text: str) -> list[str]:
        return [m.key for m in self.taxonomy.entity_matcher.find(analyze(text))]

    def _sentences(self, paragraph: str, memo: Analysed) -> list[_Sentence]:
        # Every later step (entities, regions, topics) reads these: a sentence is folded,
        # tokenised (see Analysed: the cleaner may have done it) and matched against the
        # entities once, not once per step.
        find = self.taxonomy.entity_matcher.find
        return [
            _Sentence(text, folded, tokens, [m.key for m in find(tokens)])
            for text, folded, tokens in memo.paragraph(paragraph)
        ]

    def enrich(
        self, paragraphs: list[str], keywords: list[str], hashtags: list[str], headlines: int = 0, year: int | None = None,
        publishers: set[str] = frozenset(), cues: set[str] = frozenset(),  # type: ignore[assignment]
        memo: Analysed | None = None,
    ) -> Enrichment:
        """``headlines``: how many of ``paragraphs`` are the headline and subtitle (a topic
        they name is the subject); ``year``: the article's year, or the latest it names."""
        memo = memo or Analysed()
        analysed = [self._sentences(p, memo) for p in paragraphs]
        # A name never spans two sentences: the paragraph's entities are its sentences'.
        entities: list[str] = [key for paragraph in analysed for sentence in paragraph for key in sentence.entities]
        extra_tags: list[str] = []
        # A keyword line or a run of hashtags is read up to MAX_KEYWORDS pieces: a page of
        # 50,000 hashtags is not 50,000 tags (nor 50,000 taxonomy lookups).
        for keyword_line in keywords[:MAX_KEYWORDS]:
            # Only explicit separators make separate keywords; a run of words without them
            # is never split word by word (it would make junk tags).
            pieces = re.split(r"\s*[،,|;؛]\s*", keyword_line, maxsplit=MAX_KEYWORDS)[:MAX_KEYWORDS]
            entities.extend(self._entities_in(" ، ".join(pieces)))
            if len(pieces) > 1:
                extra_tags.extend(p for p in pieces if not self._entities_in(p))
        for hashtag in hashtags[:MAX_KEYWORDS]:
            found = self._entities_in(hashtag)
            entities.extend(found)
            if not found:
                extra_tags.append(hashtag.replace("_", " "))
        entities = list(dict.fromkeys(entities))
        tags = self._entity_tags(entities)
        seen = {normalize(t) for t in tags}
        for raw in extra_tags:
            if len(tags) >= MAX_TAGS:
                break
            tag = clean_tag(raw)
            if tag and len(tag.split()) <= MAX_TAG_WORDS and normalize(tag) not in seen:
                seen.add(normalize(tag))
                tags.append(tag)
        evidence, subject = self._topics(analysed, headlines)
        linked = [
            t.slug for t in self.taxonomy.topics
            if t.slug in evidence and not (t.since and year is not None and year < t.since)
        ]
        topics = [t for t in linked if t in subject]
        mentions = [t for t in linked if t not in subject]
        cited = self.cited(analysed[headlines:], publishers, cues) if cues else []
        return Enrichment(entities, tags, topics, mentions, {t: evidence[t] for t in linked}, cited)

    def _entity_tags(self, entities: list[str]) -> list[str]:
        """Tags of the entities, in order of appearance; past MAX_TAGS, the most specific
        kept (a person or an organisation before a place: a reader learns more from
        "آرارات ميرزويان" than from "أرمينيا", which nearly every article has)."""
        by_slug = self.taxonomy.entity_by_slug
        tagged = [s for s in entities if by_slug[s].tag]
        if len(tagged) > MAX_TAGS:
            rank = {"person": 0, "organisation": 1}

            def order(s: str) -> tuple[int, int]:
                entity = by_slug[s]
                return (2 if entity.is_place else rank.get(entity.kind, 3), tagged.index(s))

            keep = set(sorted(tagged, key=order)[:MAX_TAGS])
            tagged = [s for s in tagged if s in keep]
        return [by_slug[s].label for s in tagged]

    def _regions(self, sentence: _Sentence) -> set[str]:
        by_slug = self.taxonomy.entity_by_slug
        return {
            by_slug[s].region + (":place" if by_slug[s].is_place else "")
            for s in sentence.entities
        }

    def _topics(self, analysed: list[list[_Sentence]], headlines: int) -> tuple[dict[str, list[str]], set[str]]:
        """Evidence per topic (the sentences that count), and the topics that are part of the
        subject (not only named in passing)."""
        evidence: dict[str, list[str]] = {}
        subject: set[str] = set()
        find = self.taxonomy.topic_matcher.find
        for number, parts in enumerate(analysed):
            found = [find(sentence.tokens) for sentence in parts]
            if not any(found):
                continue  # most paragraphs name no topic: their regions are not needed
            regions = [self._regions(s) for s in parts]
            anchored = [any(r.startswith("caucasus") for r in rs) for rs in regions]
            for i, sentence in enumerate(parts):
                matches = found[i]
                if not matches:
                    continue
                if not anchored[i]:
                    if "other:place" in regions[i]:
                        continue  # another conflict's sentence
                    near = anchored[max(i - 1, 0) : i + 2]
                    if not any(near):
                        continue
                vetoed = {m.key for m in self.taxonomy.veto_matcher.find(sentence.tokens)}
                for match in matches:
                    if match.key in vetoed:
                        continue
                    if number < headlines or not self._background(sentence, match.start):
                        subject.add(match.key)
                    quotes = evidence.setdefault(match.key, [])
                    if sentence.text not in quotes and len(quotes) < MAX_EVIDENCE:
                        quotes.append(sentence.text)
        return evidence, subject

    def _background(self, sentence: _Sentence, start: int) -> bool:
        """The token at ``start`` stands in a background clause: a cue ("الذي", "في ظل",
        "بعد" …) precedes it in the same clause."""
        clauses = sentence.clauses()
        clause = clauses[start]
        first = start
        while first > 0 and clauses[first - 1] == clause:
            first -= 1
        return bool(self.taxonomy.background_matcher.find(sentence.tokens[first:start]))

    def cited(self, analysed: list[list[_Sentence]], publishers: set[str], cues: set[str]) -> list[str]:
        """Outlets of the taxonomy the text quotes: a name within three words after a cue
        ("نقلت وكالة", "وفقا لـ", "بحسب" …). The publishers themselves are not cited."""
        found: list[str] = []
        for paragraph in analysed:
            for sentence in paragraph:
                tokens = sentence.tokens
                for match in self.taxonomy.source_matcher.find(tokens):
                    if match.key in publishers or match.key in found:
                        continue
                    before = tokens[max(0, match.start - 3) : match.start]
                    if any(not cues.isdisjoint(t) for t in before):
                        found.append(match.key)
        return [self.taxonomy.source_by_slug[s].label for s in found]
