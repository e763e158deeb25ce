"""A light stem for comparing words of one page with each other (never for search).

The headline scorer asks whether a line's words are the article's words. Arabic glues
pronouns and plural endings to a word ("مواقعنا" in a headline, "مواقعهم" in the lead;
"الاستهدافات" and "استهداف"), so the folded forms of :mod:`.normalize` miss the match. This
strips one suffix, longest first, when at least three letters remain. It runs on folded
forms (ة is already ه, ى is ي). It is deliberately light: no prefixes beyond the clitics the
forms already remove, no roots; two different words may share a stem now and then, which a
share-of-words score tolerates.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["light_stem", "stems"]

# Folded suffixes, longest first: pronouns (ها هم هن نا كم كما هما), plurals and duals
# (ات ون ين ان), nisba (يه = ية folded, يين), and the single letters ه ي ا (pronoun,
# nisba, accusative tanwin as written).
_SUFFIXES = ("هما", "كما", "يين", "يون", "يات", "ها", "هم", "هن", "نا", "كم", "ات", "ون", "ين", "ان", "يه", "ه", "ي", "ا")
_MIN_STEM = 3


@lru_cache(maxsize=131072)
def light_stem(form: str) -> str:
    for suffix in _SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM:
            return form[: -len(suffix)]
    return form


@lru_cache(maxsize=131072)
def stems(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The light stems of a token's forms (see :func:`..normalize.analyze`), unique."""
    return tuple(dict.fromkeys(light_stem(f) for f in forms))
