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
