"""``python -m digest export DIR``: the whole site as plain files, buildable without the hook.

Writes ``DIR/mkdocs.yml`` (the project's, minus ``hooks:``, with the nav expanded and the tag
links the hook would have put into ``extra``), ``DIR/docs/`` (hand-written pages and assets
plus every generated page, feed, search file and raw seed) and the theme overrides. Any
engine that reads ``mkdocs.yml`` and Markdown (MkDocs, or Material's successor Zensical,
which ignores ``hooks:``) can build it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .model import SeedError
from .site import build_site


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
    extra["digest_tags"] = site.tag_extra()
    config["extra"] = extra
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    (dest / "mkdocs.yml").write_text("# Exported by `python -m digest export`: no hook needed.\n" + text, encoding="utf-8")
    return site.digest.errors
