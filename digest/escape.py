"""Seed text is attacker-controlled: these functions are the only way it enters a page.

MkDocs' templates print page titles and meta values without escaping, Python-Markdown turns
punctuation at line starts into structure and passes raw HTML through. So:

* :func:`inline` makes text inert inside Markdown *and* HTML: every character that either
  could read as syntax becomes a numeric character reference, which both render as itself.
* :func:`attribute` is HTML escaping for values that templates print raw (title, description).
"""

from __future__ import annotations

import html

# Markdown and HTML syntax characters; Jinja's braces and YAML's markers too, for good measure.
_ACTIVE = "&<>\"'`*_{}[]()#+-.!|~^=:\\$%@/"
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _ACTIVE})
_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def inline(text: str) -> str:
    """``text`` as one line of inert Markdown/HTML that displays exactly as ``text``."""
    return text.translate(_LINE_BREAKS).translate(_TABLE)


def attribute(text: str) -> str:
    return html.escape(text.translate(_LINE_BREAKS), quote=True)
