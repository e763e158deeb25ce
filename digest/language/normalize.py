"""The one Arabic normalisation of the project.

Used for taxonomy matching, boilerplate recognition, topic evidence and the search index;
mirrored line for line in ``docs/assets/javascripts/normalize.js`` for queries typed in the
browser. Both are held to the same vectors in ``tests/vectors/normalize.json``: change one,
change the other and the vectors.

Two layers:

* :func:`fold` maps a text to a spelling-insensitive form: Unicode NFKC, no invisible
  controls, no diacritics or tatweel, one alef, ة→ه, ى→ي, ؤ→و, ئ→ي, Western digits, lower case.
* :func:`analyze` splits folded text into tokens and gives each token its *forms*: the token
  with the definite article removed (always: ال, وال, فال, بال, كال, لل …), and, when it starts
  with a one-letter clitic (و ف ب ل), the token without it too. A bare word cannot tell
  whether its first letter is a clitic (بوتين, باكو, لافروف are names), so instead of
  guessing we keep both readings: two tokens are the same word when their forms intersect.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "analyze", "normalize", "forms", "same_word", "TOKEN_RE"]

# Zero-width and bidi controls, soft hyphen, BOM: invisible, and an attacker's favourite.
_INVISIBLE_RE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Arabic diacritics (harakat, shadda, sukun, dagger alef, Quranic marks) and tatweel.
_MARKS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Both in one pass.
_HIDDEN_RE = re.compile(_INVISIBLE_RE.pattern[:-1] + _MARKS_RE.pattern[1:])

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ۍ": "ي", "ە": "ه", "ھ": "ه",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# str.translate with a dict looks every character up in Python; a few str.replace calls on
# the characters actually present are several times faster on Arabic text.
_FOLD_PAIRS = tuple((_LETTERS | _DIGITS).items())
_FOLD_RE = re.compile("[" + "".join(_LETTERS) + "".join(_DIGITS) + "]")

# A token is a run of letters and digits (JS: /[\p{L}\p{N}]+/gu).
TOKEN_RE = re.compile(r"[^\W_]+")

# The definite article, with the conjunction or preposition that may precede it. Longest
# first. Removed whenever at least two letters remain: no Arabic name we match starts with
# a letter sequence these would wrongly eat, and when one does, both sides eat it alike.
_ARTICLES = ("وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بل"
# A clitic is only split off when this many letters remain (و in ورد is not a clitic).
_MIN_STEM = 3


def fold(text: str) -> str:
    """Spelling-insensitive form of ``text``; keeps spaces and punctuation."""
    if len(text) <= _SHORT:
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _HIDDEN_RE.sub("", text)
    if _FOLD_RE.search(text):
        for old, new in _FOLD_PAIRS:
            if old in text:
                text = text.replace(old, new)
    return text.lower()


def _strip_article(word: str) -> str:
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article):]
    return word


@lru_cache(maxsize=262144)
def forms(token: str) -> tuple[str, ...]:
    """All readings of one folded token, the plainest (article removed) first.

    Memoised: a news vocabulary is small and this runs for every token of every seed."""
    primary = _strip_article(token)
    result = [primary]
    if primary != token:
        # An article was removed: the reading is certain.
        return tuple(result)
    rest = token
    if rest[0] in _CONJUNCTIONS and len(rest) - 1 >= _MIN_STEM:
        rest = _strip_article(rest[1:])
        result.append(rest)
    if rest[0] in _PREPOSITIONS and len(rest) - 1 >= _MIN_STEM:
        result.append(_strip_article(rest[1:]))
    # Unique, order kept: the first form is the token as written (article removed).
    return tuple(dict.fromkeys(result))


def analyze(text: str) -> list[tuple[str, ...]]:
    """Tokens of ``text``, each as the tuple of its forms."""
    return [forms(token) for token in TOKEN_RE.findall(fold(text))]


def normalize(text: str) -> str:
    """The first form of every token, space-separated: a canonical string for comparisons."""
    if len(text) <= _SHORT:
        return _normalize_short(text)
    return _normalize(text)


def _normalize(text: str) -> str:
    return " ".join(token_forms[0] for token_forms in analyze(text))


# Short strings (menu items, labels, names, a line's first words) recur across the lines of
# a page and the pages of a site: they are folded and normalised once. Long ones are not
# kept (a paragraph seldom recurs, and the memo would hold the corpus).
_SHORT = 80
_fold_short = lru_cache(maxsize=16384)(_fold)
_normalize_short = lru_cache(maxsize=16384)(_normalize)


def same_word(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two analysed tokens can be the same word."""
    return not set(a).isdisjoint(b)
