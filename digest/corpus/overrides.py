"""Editorial overrides: ``seeds/<name>.yml`` next to ``seeds/<name>.txt`` may set the title,
date, sources, topics and tags of that seed. A bad override is a :class:`SeedError` naming
the file and the key, never a silent partial application."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model import Article, ArticleWarning, Code, SeedError
from ..parse.enrich import clean_tag
from ..taxonomy import Taxonomy

SUFFIXES = (".yml", ".yaml")
KEYS = ("title", "date", "sources", "topics", "tags")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Override:
    path: str
    values: dict[str, Any]


def _strings(path: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SeedError(path, f"key '{key}': expected a list of non-empty strings")
    return [" ".join(v.split()) for v in value]


def load_override(path: Path, taxonomy: Taxonomy) -> Override:
    name = str(path)
    try:
        # BaseLoader: every scalar stays a string, so "2021-02-30" is ours to judge, not
        # a crash in YAML's timestamp constructor.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise SeedError(name, f"override cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise SeedError(name, f"override is not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise SeedError(name, "override must be a mapping of keys: " + ", ".join(KEYS))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise SeedError(name, f"key '{key}': unknown (allowed: {', '.join(KEYS)})")
        if key == "title":
            if not isinstance(value, str) or not value.strip():
                raise SeedError(name, "key 'title': expected a non-empty string")
            values[key] = " ".join(value.split())
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


def apply_override(article: Article, override: Override) -> None:
    values = override.values
    if "title" in values:
        article.title, article.title_from_lead = values["title"], False
    if "date" in values:
        article.date, article.date_inferred = values["date"], False
        article.date_note = f"set by the editor in {override.path}"
        article.date_source = ""
        article.warnings = [w for w in article.warnings if w.code not in (Code.NO_DATE, Code.INFERRED_DATE)]
    if "sources" in values:
        article.sources = values["sources"]
        article.warnings = [w for w in article.warnings if w.code is not Code.NO_SOURCE]
    if "topics" in values:
        article.topics = values["topics"]
        article.evidence = {t: article.evidence.get(t, []) for t in article.topics}
        article.mentions = [t for t in article.mentions if t not in article.topics]
        article.warnings = [w for w in article.warnings if w.code is not Code.NO_TOPIC]
    if "tags" in values:
        article.tags = values["tags"]
    article.warnings.append(ArticleWarning(Code.OVERRIDE, ", ".join(values)))
