"""Small text helpers shared by the cleaner, the enricher and the renderer."""

from __future__ import annotations

import re

# Sentence end: . ! ? ؟ … (possibly repeated), closing quotes/brackets, then space.
_SENTENCE_END_RE = re.compile(r"[.!?؟…]+[\"”»')\]]*(?=\s)")
# A one-letter word before a full stop is an abbreviation (د. م.), not a sentence end.
_ABBREVIATION_RE = re.compile(r"(?:^|\s)\S\.$")
_TERMINAL = ".!?؟…:؛;"
_CLOSERS = "\"”»')]}’"
_SPACE_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """One line, single spaces (NBSP and friends included)."""
    return _SPACE_RE.sub(" ", text).strip()


def sentences(paragraph: str) -> list[str]:
    result, start = [], 0
    for m in _SENTENCE_END_RE.finditer(paragraph):
        # Only the word before the stop matters: looking at the whole sentence so far would
        # make a paragraph of abbreviations ("ب. ب. ب. …") quadratic.
        if _ABBREVIATION_RE.search(paragraph[max(start, m.start() - 2) : m.start() + 1]):
            continue
        result.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        result.append(tail)
    return result


def ends_like_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a clause or word boundary, with "…"."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    comma = max(head.rfind("،"), head.rfind(","))
    cut = comma if comma >= limit // 3 else head.rfind(" ")
    if cut <= 0:
        cut = limit
    return head[:cut].rstrip(" ،,؛;:") + " …"
