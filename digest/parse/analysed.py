"""Sentences folded and tokenised once per article.

The cleaner reads the lead's words to score headlines; the enricher reads every sentence
for entities and topics. Both ask this memo, so a sentence of the lead is folded and
tokenised once, not twice. One memo per article (made by ``Pipeline.article``), dropped
with it.
"""

from __future__ import annotations

from ..language.normalize import TOKEN_RE, fold, forms
from ..language.text import sentences

Tokens = list[tuple[str, ...]]


class Analysed:
    def __init__(self) -> None:
        self._memo: dict[str, tuple[str, Tokens]] = {}
        self._split: dict[str, list[str]] = {}

    def sentences(self, paragraph: str) -> list[str]:
        hit = self._split.get(paragraph)
        if hit is None:
            hit = self._split[paragraph] = sentences(paragraph)
        return hit

    def sentence(self, text: str) -> tuple[str, Tokens]:
        """``text`` folded, and its tokens (each as its forms, see ``normalize.analyze``)."""
        hit = self._memo.get(text)
        if hit is None:
            folded = fold(text)
            hit = (folded, list(map(forms, TOKEN_RE.findall(folded))))
            self._memo[text] = hit
        return hit

    def paragraph(self, text: str) -> list[tuple[str, str, Tokens]]:
        """Each sentence of a paragraph: its text, folded text and tokens."""
        return [(s, *self.sentence(s)) for s in self.sentences(text)]

    def tokens(self, text: str) -> Tokens:
        """All tokens of a paragraph, sentence after sentence."""
        return [t for s in self.sentences(text) for t in self.sentence(s)[1]]
