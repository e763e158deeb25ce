"""Editorial overrides: ``seeds/<name>.yml`` next to ``seeds/<name>.txt`` may set the title,
date, sources, topics and tags of that seed. A bad override is a :class:`SeedError` naming
the file and the key, never a silent partial application."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..language.escape import sanitize
from ..model import Article, ArticleWarning, Code, SeedError
from ..parse.enrich import clean_tag
from ..taxonomy import Taxonomy
from ..parse.reader import read_bounded

SUFFIXES = (".yml", ".yaml")
# An override sets five short keys: anything larger is not one (and is not read whole).
MAX_OVERRIDE_BYTES = 64 * 1024
MAX_TITLE_CHARS = 300
MAX_ITEMS = 20  # sources, topics or tags
MAX_ITEM_CHARS = 100
KEYS = ("title", "date", "sources", "topics", "tags")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Override:
    path: str
    values: dict[str, Any]


def _text(value: str) -> str:
    """One line of text: the sanitiser (YAML escapes such as "\\u202e" or "\\x07" reach here
    as characters), then single spaces."""
    return " ".join(sanitize(value).split())


def _strings(path: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and _text(v) for v in value):
        raise SeedError(path, f"key '{key}': expected a list of non-empty strings")
    if len(value) > MAX_ITEMS:
        raise SeedError(path, f"key '{key}': {len(value)} items (at most {MAX_ITEMS})")
    items = [_text(v) for v in value]
    longest = max(items, key=len)
    if len(longest) > MAX_ITEM_CHARS:
        raise SeedError(path, f"key '{key}': an item of {len(longest)} characters (at most {MAX_ITEM_CHARS})")
    return items


def load_override(path: Path, taxonomy: Taxonomy) -> Override:
    name = str(path)
    try:
        # BaseLoader: every scalar stays a string, so "2021-02-30" is ours to judge, not
        # a crash in YAML's timestamp constructor.
        data = yaml.load(read_bounded(path, MAX_OVERRIDE_BYTES).decode("utf-8"), Loader=yaml.BaseLoader)
    except UnicodeDecodeError as error:
        raise SeedError(name, f"override cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise SeedError(name, f"override is not valid YAML ({str(error).splitlines()[0]})") from None
    except RecursionError:
        # "[[[[…" six hundred deep: PyYAML's composer recurses once per level.
        raise SeedError(name, "override is nested too deeply to be an override") from None
    if not isinstance(data, dict):
        raise SeedError(name, "override must be a mapping of keys: " + ", ".join(KEYS))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise SeedError(name, f"key '{key}': unknown (allowed: {', '.join(KEYS)})")
        if key == "title":
            if not isinstance(value, str) or not _text(value):
                raise SeedError(name, "key 'title': expected a non-empty string")
            title = _text(value)
            if len(title) > MAX_TITLE_CHARS:
                raise SeedError(name, f"key 'title': {len(title)} characters (at most {MAX_TITLE_CHARS})")
            values[key] = title
        elif key == "date":
            if value in ("", "null", "~", "Null", "NULL"):
                value = None
            if value is not None:
                if not isinstance(value, str) or not _ISO_RE.match(value):
                    raise SeedError(name, "key 'date': expected YYYY-MM-DD or null")
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise SeedError(name, f"key 'date': {value} is not a calendar date") from None
            values[key] = value
        elif key == "topics":
            topics = _strings(name, key, value)
            unknown = [t for t in topics if t not in taxonomy.topic_by_slug]
            if unknown:
                raise SeedError(name, f"key 'topics': unknown topic slug(s) {', '.join(unknown)}")
            values[key] = list(dict.fromkeys(topics))
        elif key == "tags":
            tags = [clean_tag(t) for t in _strings(name, key, value)]
            values[key] = list(dict.fromkeys(t for t in tags if t))
        else:
            values[key] = list(dict.fromkeys(_strings(name, key, value)))
    return Override(name, values)


def apply_override(article: Article, override: Override) -> Article:
    """``article`` as the editor's sidecar corrects it: a new record (the parsed one may be
    shared with the cache and the next build of ``mkdocs serve``)."""
    values = override.values
    changes: dict[str, object] = {}
    warnings = list(article.warnings)
    if "title" in values:
        changes.update(title=values["title"], title_from_lead=False)
    if "date" in values:
        changes.update(date=values["date"], date_inferred=False, date_note=f"set by the editor in {override.path}", date_source="")
        warnings = [w for w in warnings if w.code not in (Code.NO_DATE, Code.INFERRED_DATE)]
    if "sources" in values:
        changes["sources"] = values["sources"]
        warnings = [w for w in warnings if w.code is not Code.NO_SOURCE]
    if "topics" in values:
        topics = values["topics"]
        changes.update(topics=topics, evidence={t: article.evidence.get(t, []) for t in topics},
                       mentions=[t for t in article.mentions if t not in topics])
        warnings = [w for w in warnings if w.code is not Code.NO_TOPIC]
    if "tags" in values:
        changes["tags"] = values["tags"]
    warnings.append(ArticleWarning(Code.OVERRIDE, ", ".join(values)))
    return replace(article, **changes, warnings=warnings)  # type: ignore[arg-type]
