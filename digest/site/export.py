"""``python -m digest export DIR``: the whole site as plain files, buildable without the hook.

Writes ``DIR/mkdocs.yml`` (the project's, minus ``hooks:``, with the nav expanded and the tag
links the hook would have put into ``extra``), ``DIR/docs/`` (hand-written pages and assets
plus every generated page, feed, search file and raw seed) and the theme overrides. MkDocs
builds it from ``mkdocs.yml`` into the same site as the hook.

For Material's successor Zensical (which runs no ``hooks:``) it also writes
``DIR/zensical.toml``: the same configuration, which ``zensical build`` reads before
``mkdocs.yml``, except that the theme overrides are ``DIR/overrides-zensical/``: ours plus
the project's ``overrides-zensical/``. Those replace Zensical's search box, whose index
(search.json) holds none of our pages (all are ``search: exclude``: the digest has its own
index) and whose worker protocol is not Material's, by one that queries the digest's Arabic
worker. MkDocs never reads them, so its build is unchanged.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import yaml

from ..model import SeedError
from .build import build_site


def export(dest: Path, config_file: Path) -> list[SeedError]:
    project = config_file.resolve().parent
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    extra = config.setdefault("extra", {}) or {}
    options = extra.get("digest", {}) or {}
    taxonomy = options.get("taxonomy")
    site = build_site(
        project / options.get("seeds_dir", "seeds"),
        project / taxonomy if taxonomy else None,
        None,
        config.get("site_url") or "",
    )
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"{dest}: not empty; export writes into an empty or new folder")
    docs = dest / "docs"
    shutil.copytree(project / config.get("docs_dir", "docs"), docs)
    for uri in site.files:
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(site.text(uri), encoding="utf-8")
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(project / custom_dir, dest / custom_dir)
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    if config.get("nav"):
        config["nav"] = site.expand_nav(config["nav"])
    config["extra"] = extra
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    (dest / "mkdocs.yml").write_text("# Exported by `python -m digest export`: no hook needed.\n" + text, encoding="utf-8")
    _export_zensical(dest, project, config)
    return site.digest.errors


ZENSICAL_OVERRIDES = "overrides-zensical"


def _export_zensical(dest: Path, project: Path, config: dict) -> None:
    """``DIR/zensical.toml`` and ``DIR/overrides-zensical/`` (see the module's docstring)."""
    overrides = dest / ZENSICAL_OVERRIDES
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(project / custom_dir, overrides)
    if (project / ZENSICAL_OVERRIDES).is_dir():
        shutil.copytree(project / ZENSICAL_OVERRIDES, overrides, dirs_exist_ok=True)
    zconfig = copy.deepcopy(config)
    zconfig.setdefault("theme", {})["custom_dir"] = ZENSICAL_OVERRIDES
    (dest / "zensical.toml").write_text(
        "# Exported by `python -m digest export` for `zensical build`, which reads this file before\n"
        "# mkdocs.yml: the same configuration, with the theme overrides of overrides-zensical/.\n"
        "[project]\n" + "".join(f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in zconfig.items() if v is not None),
        encoding="utf-8",
    )


def _toml_string(text: str) -> str:
    # JSON escapes every control character TOML forbids in a basic string except DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(key) -> str:
    return _toml_string(str(key))


def _toml_value(value) -> str:
    """One TOML value on one line: JSON's string escapes are TOML's basic-string escapes, and
    tables are written inline. TOML has no null: None values of a mapping are left out."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(f"zensical.toml: cannot write {value!r}")
