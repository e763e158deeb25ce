"""HTML written in one place, escaped by construction.

Every piece of a page is :class:`Markup` (MarkupSafe's: HTML that is final) or a plain
string, which :func:`el` escapes when it puts it into an element or an attribute. Seed text,
taxonomy names and URLs are plain strings: no page builder can forget to escape them, and
none writes a tag with an f-string.

Escaping is MarkupSafe's (the same five characters, the same references); the builder
itself joins plain strings and makes one :class:`Markup` per element, not one per child (a
site of 10,000 articles has millions of children: wrapping each cost seconds).
"""

from __future__ import annotations

from typing import Iterable, Union

from markupsafe import Markup, escape

Child = Union[str, Markup, None, Iterable["Child"]]

__all__ = ["Markup", "el", "join", "escape", "escaped"]


def escaped(value: str) -> str:
    """``value`` escaped for HTML text or a quoted attribute, as MarkupSafe escapes it, as a
    plain string (for the builder's own joins)."""
    if isinstance(value, Markup):
        return str.__str__(value)
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def _flatten(children: Iterable[Child], out: list[str]) -> list[str]:
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, Markup):
            out.append(child)
        elif isinstance(child, str):
            out.append(escaped(child))
        else:
            _flatten(child, out)  # type: ignore[arg-type]
    return out


def el(tag: str, *children: Child, **attrs: object) -> Markup:
    """``<tag attrs>children</tag>``. Attribute names are Python names (``class_`` →
    ``class``, ``aria_label`` → ``aria-label``); ``None``/``False`` values are left out,
    ``True`` writes the bare attribute. ``tag`` and attribute names are the builder's own
    constants, never data."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{escaped(str(value))}"')
    return Markup(f"<{' '.join(parts)}>{''.join(_flatten(children, []))}</{tag}>")


def join(children: Iterable[Child], separator: str | Markup = "") -> Markup:
    return Markup(escaped(separator).join(_flatten(children, [])))
