"""Seed text is attacker-controlled: these functions are the only way it enters a page.

MkDocs' templates print page titles and meta values without escaping, Python-Markdown turns
punctuation into structure and passes raw HTML through. So:

* :func:`inline` makes one line of text inert inside Markdown *and* HTML. Characters that
  are syntax anywhere in a line become numeric character references (both Markdown and HTML
  render them as themselves); characters that are syntax only at the start of a line
  (headings, quotes, lists, rules, setext underlines) are escaped there only. Escaping every
  punctuation mark would be as safe and several times slower to render: Python-Markdown
  handles each reference as an inline pattern.
* :func:`attribute` is HTML escaping for values that templates print raw (title, description).

Both are only safe for text that is one line without leading spaces (four would start a code
block): :func:`inline` folds line breaks, and callers put each paragraph at a line start.
"""

from __future__ import annotations

import html
import re

# Active anywhere: HTML (& < >), code (`), emphasis (* _), links and images ([ ] !), escapes
# (\), and the braces, pipes and marks of common extensions ({ } | ~ ^ $ @).
_ANYWHERE = "&<>`*_[]!\\{}|~^$@"
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _ANYWHERE})
# Active at a line start: "#", ">", "-", "+", "=", "1." / "1)" (lists), and "|".
_LINE_START_RE = re.compile(r"^([#>\-+=|:]|\d+(?=[.)]))")
_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\t": " "})


# What no published string may hold, from whatever file it comes (seed, sidecar, taxonomy,
# mkdocs.yml): C0 and C1 controls (tab and line feed aside), DEL; bidi embeddings, overrides
# and isolates (U+202E makes a title read backwards); zero-width and invisible marks (ZWNJ and
# ZWJ are kept: Persian and Kurdish spelling needs them); line and paragraph separators;
# noncharacters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane: XML forbids U+FFFE/FFFF,
# so one in a title made the feeds invalid); lone surrogates.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17))
    + "]"
)


def sanitize(text: str) -> str:
    """``text`` without the characters no page, feed or search file may hold (see above).
    Carriage returns become line feeds. The one sanitiser: the reader applies it to seeds, the
    override, taxonomy and configuration loaders to their strings."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_RE.sub("", text)


def inline(text: str) -> str:
    """``text`` as one line of inert Markdown/HTML that displays exactly as ``text``."""
    line = text.translate(_LINE_BREAKS).strip().translate(_TABLE)
    match = _LINE_START_RE.match(line)
    if match is None:
        return line
    if match.group(1).isdigit():
        end = match.end() + 1
        return line[: match.end()] + f"&#{ord(line[match.end()])};" + line[end:]
    return f"&#{ord(line[0])};" + line[1:]


def attribute(text: str) -> str:
    return html.escape(text.translate(_LINE_BREAKS), quote=True)
