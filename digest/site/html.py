"""HTML written in one place, escaped by construction.

Every piece of a page is :class:`Markup` (MarkupSafe's: HTML that is final) or a plain
string, which :func:`el` escapes when it puts it into an element or an attribute. Seed text,
taxonomy names and URLs are plain strings: no page builder can forget to escape them, and
none writes a tag with an f-string.
"""

from __future__ import annotations

from typing import Iterable, Union

from markupsafe import Markup, escape

Child = Union[str, Markup, None, Iterable["Child"]]

__all__ = ["Markup", "el", "join", "escape"]


def _children(children: Iterable[Child]) -> Iterable[Markup]:
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, str):  # Markup is a str: escape() leaves it as it is
            yield escape(child)
        else:
            yield from _children(child)  # type: ignore[arg-type]


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
        parts.append(name if value is True else f'{name}="{escape(str(value))}"')
    return Markup(f"<{' '.join(parts)}>{''.join(_children(children))}</{tag}>")


def join(children: Iterable[Child], separator: str | Markup = "") -> Markup:
    return escape(separator).join(_children(children))
