"""MkDocs hook: the thin adapter between MkDocs and the ``digest`` package.

It builds the digest from the seeds, reports every seed that could not become an article
through MkDocs' logger (an error, so ``mkdocs build --strict`` fails; gaps such as an unknown
date are info), and hands MkDocs the generated pages as virtual files (``File.generated``):
nothing is written into ``docs/``. ``mkdocs serve`` watches the seeds and the taxonomy.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

# The hook file is loaded by path, not as part of a package: make `digest` importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from digest.language.escape import sanitize  # noqa: E402
from digest.site import build_site  # noqa: E402
from digest.site.blocks import Deferred, plan, rendered, restore  # noqa: E402
from digest.site import incremental  # noqa: E402
from digest.site.incremental import BuildState, Manifest, environment, fingerprint, manifest_path, remove_stale, tree_fingerprint  # noqa: E402
from digest.site.pages import Page  # noqa: E402

log = logging.getLogger("mkdocs.hooks.digest")

_state: dict = {}  # "site": SiteBuild, "incremental": BuildState
# src_uri → the HTML blocks kept out of that generated page's Markdown, some not rendered
# yet (digest/site/blocks.py).
_blocks: dict[str, tuple[str | Deferred, ...]] = {}
# src_uri → the front matter of that generated page, as data.
_meta: dict[str, dict] = {}  # type: ignore[type-arg]
# Seconds spent in this hook (digest included), written out for bench/ when DIGEST_TIMINGS
# names a file.
_timings: dict[str, float] = {}


def _timed(name: str):  # type: ignore[no-untyped-def]
    def wrap(handler):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return handler(*args, **kwargs)
            finally:
                _timings[name] = _timings.get(name, 0.0) + time.perf_counter() - start
        return run
    return wrap


def _settings(config: MkDocsConfig) -> tuple[Path, Path | None, Path | None]:
    base = Path(config.config_file_path).resolve().parent
    options = (config.extra or {}).get("digest", {}) or {}
    seeds = base / options.get("seeds_dir", "seeds")
    taxonomy = options.get("taxonomy")
    cache = options.get("cache", ".cache/digest-articles.json")
    return seeds, (base / taxonomy if taxonomy else None), (base / cache if cache else None)


def _sanitized(value):  # type: ignore[no-untyped-def]
    """Strings of the configuration through the one sanitiser (mkdocs.yml is edited by hand,
    and Material prints site_name, site_description and extra values into every page)."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, list):
        return [_sanitized(v) for v in value]
    if isinstance(value, dict):
        return {k: _sanitized(v) for k, v in value.items()}
    return value


def on_startup(command: str, dirty: bool) -> None:
    incremental.dirty_builds = dirty
    if dirty:
        # MkDocs warns that a dirty build "will likely lead to inaccurate navigation": true of
        # a build that skips pages by their files' dates, not of ours (a page is skipped only
        # when nothing it is made of changed), and a warning would fail a --strict build.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


@_timed("on_config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(config.get(key), str):
            config[key] = sanitize(config[key])
    config.extra = _sanitized(dict(config.extra or {}))
    seeds, taxonomy, cache = _settings(config)
    # Building the digest makes many objects and no cyclic garbage worth collecting.
    gc.disable()
    try:
        site = build_site(seeds, taxonomy, cache, config.site_url or "")
    finally:
        gc.enable()
    _state["site"] = site
    for error in site.digest.errors:
        log.error("seed not published: %s", error)
    for article in site.digest.articles:
        for warning in article.warnings:
            log.info("%s: %s", article.path, warning)
    if config.nav:
        config.nav = site.expand_nav(config.nav)
    manifest = manifest_path(cache.parent, Path(config.site_dir)) if cache else None
    global_fp = _global_fingerprint(config)
    previous = (Manifest.load(manifest) if manifest and incremental.dirty_builds else None) or Manifest("")
    full = not incremental.dirty_builds or previous.global_fp != global_fp
    _state["incremental"] = BuildState(global_fp, previous, manifest, full)
    # The digest lives until the build ends: keep the cyclic garbage collector from scanning
    # its objects again and again while MkDocs builds (seconds at 10,000 articles).
    gc.freeze()
    return config


class GeneratedFile(File):
    """A file the digest generated. In a dirty build, MkDocs asks :meth:`is_modified` before
    it renders or copies a file: the answer is the file's fingerprint against the manifest of
    the last build into the same folder (digest/site/incremental.py)."""

    fp: str | None = None
    # Pages in the nav are built every time: their nav entries and neighbours are not part
    # of their content (a dozen pages).
    always: bool = False

    def content_parts(self) -> list[str]:
        return [self.content_string]

    def record(self, parts: list[str]) -> None:
        """Fingerprint the file from ``parts`` (its content, as content_parts gives it)."""
        build = _build()
        self.fp = build.current[self.dest_uri] = fingerprint(build.global_fp, self.dest_uri, *parts)

    def fingerprint(self) -> str:
        if self.fp is None:
            self.record(self.content_parts())
        return self.fp  # type: ignore[return-value]

    def is_modified(self) -> bool:
        build = _build()
        if build.full or self.always:
            return True
        return build.previous.files.get(self.dest_uri) != self.fingerprint() or not os.path.isfile(self.abs_dest_path)

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        self.fingerprint()


class PageFile(GeneratedFile):
    """A generated page: MkDocs holds its skeleton; its meta and HTML blocks are the hook's."""

    def content_parts(self) -> list[str]:
        kept = rendered(_blocks.get(self.src_uri, ()))
        if self.src_uri in _blocks:
            _blocks[self.src_uri] = kept  # rendered once: kept for on_post_page
        return self.parts_with(kept)

    def parts_with(self, kept: tuple[str, ...]) -> list[str]:
        return [json.dumps(_meta.get(self.src_uri), ensure_ascii=False, sort_keys=True, default=str), self.content_string, *kept]

    def is_modified(self) -> bool:
        modified = super().is_modified()
        if not modified:
            _blocks.pop(self.src_uri, None)  # not written: its rendered blocks are let go
        return modified


class RenderedFile(GeneratedFile):
    """A generated file (not a page) whose text is made when MkDocs writes or reads it, and
    not held: the raw seeds and the search index's documents are every article's text again.
    (MkDocs' File.generated takes the content itself; these override the File methods that
    read it: content_bytes, content_string, copy_file.)"""

    render: Callable[[], str]

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, render: Callable[[], str]) -> "RenderedFile":
        file = cls.generated(config, src_uri, content="")
        file.render = render
        return file

    @property
    def content_string(self) -> str:  # type: ignore[override]
        return self.render()

    @property
    def content_bytes(self) -> bytes:  # type: ignore[override]
        return self.render().encode("utf-8")

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        text = self.render()
        path = Path(self.abs_dest_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if self.fp is None:
            self.record([text])


def _build() -> BuildState:
    return _state["incremental"]  # type: ignore[return-value]


def _global_fingerprint(config: MkDocsConfig) -> str:
    """Everything a generated file's bytes depend on besides its own content."""
    code = sorted((_ROOT / "digest").rglob("*.py"))
    folders = [Path(config.docs_dir)] + [Path(d) for d in ([config.theme.custom_dir] if config.theme.custom_dir else [])]
    return fingerprint(
        environment(),
        *(p.read_bytes() for p in code),
        Path(__file__).read_bytes(),
        Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
        tree_fingerprint(folders),
        json.dumps(config.nav, ensure_ascii=False, sort_keys=True, default=str),
        config.site_url or "",
    )


def _walk_order(file: File) -> tuple:  # type: ignore[type-arg]
    """The order of mkdocs.structure.files.get_files: os.walk with sorted folders, a folder's
    files (index first, then by name) before its subfolders."""
    *folders, name = file.src_uri.split("/")
    return (*((1, f) for f in folders), (0, name.rsplit(".", 1)[0] not in ("index", "README"), name))


@_timed("on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _state["site"]
    _blocks.clear()
    _meta.clear()
    for src_uri, content in site.files.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.error("docs/%s is generated by the digest: remove the hand-written copy", src_uri)
            files.remove(existing)
        if isinstance(content, Page):
            # MkDocs gets the body without front matter (on_page_markdown hands it the meta
            # as data, no YAML round trip) and without its final HTML blocks, which
            # on_post_page puts back (rendering the deferred ones): the same page, without
            # parsing it all twice, and without holding every page's HTML at once.
            _meta[src_uri] = content.meta
            content, kept = plan(content.blocks)
            if kept:
                _blocks[src_uri] = kept
        if callable(content):
            files.append(RenderedFile.of(config, src_uri, content))
        elif src_uri in _meta:
            files.append(PageFile.generated(config, src_uri, content=content))
        else:
            files.append(GeneratedFile.generated(config, src_uri, content=content))
    # MkDocs holds every page now (File.generated): the digest's copy of them is let go.
    site.files.clear()
    # A hand-written page is built every time (a dirty build would otherwise skip it by its
    # date, and leave it out of the search index written from the pages it builds).
    for file in files.documentation_pages():
        if not isinstance(file, GeneratedFile):
            file.is_modified = _always  # type: ignore[method-assign]
    # In MkDocs' own order (as if the pages were in docs/), so that the sitemap and anything
    # else that walks the files agree with a build of `python -m digest export`.
    return Files(sorted(files, key=_walk_order))


def _always() -> bool:
    return True


def on_pre_build(config: MkDocsConfig) -> None:
    build = _build()
    if incremental.dirty_builds and build.full:
        # A dirty build that cannot trust what the folder holds: a full one, from empty.
        clean_directory(config.site_dir)


def on_nav(nav, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    for page in nav.pages:
        if isinstance(page.file, GeneratedFile):
            page.file.always = True
    return nav


@event_priority(100)  # before any plugin reads the meta (the tags plugin does, at -50)
@_timed("on_page_markdown")
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
    meta = _meta.get(page.file.src_uri)
    if meta is not None:
        page.meta = dict(meta)
    return markdown


def _html_direction(html: str, config: MkDocsConfig) -> str:
    # Material sets dir on <body> only; the document's own direction belongs on <html>.
    direction = config.theme.get("direction") or "ltr"
    return re.sub(r"<html(?![^>]*\sdir=)", f'<html dir="{direction}"', html, count=1)


@_timed("on_post_page")
def on_post_page(output: str, page, config: MkDocsConfig) -> str:  # type: ignore[no-untyped-def]
    # The kept blocks go into the page as it is written, not into page.content: MkDocs
    # keeps every page's content until the build ends, and a page's blocks are most of it;
    # here they are rendered (the deferred ones) and let go as soon as the page is written.
    kept = rendered(_blocks.pop(page.file.src_uri, ()))
    if isinstance(page.file, PageFile) and page.file.fp is None:
        # Not asked before (a full build): fingerprinted now that its blocks are rendered.
        page.file.record(page.file.parts_with(kept))
    return _html_direction(restore(output, kept), config)


@_timed("on_post_template")
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _html_direction(output, config) if template_name.endswith(".html") else output


def on_build_error(error: Exception) -> None:
    gc.unfreeze()
    build = _state.get("incremental")
    if build is not None and build.manifest is not None:
        build.manifest.unlink(missing_ok=True)  # the folder is half written: next time, a full build


def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # `mkdocs serve` builds again: let this build's garbage go
    build = _build()
    if not build.full:
        removed = remove_stale(Path(config.site_dir), build.previous, build.current)
        written = sum(build.previous.files.get(k) != v for k, v in build.current.items())
        log.info("digest: incremental build, %d generated files written, %d removed, %d unchanged",
                 written, len(removed), len(build.current) - written)
    if build.manifest is not None:
        Manifest(build.global_fp, build.current, str(Path(config.site_dir).resolve())).save(build.manifest)
    _summary()
    target = os.environ.get("DIGEST_TIMINGS")
    if target:
        Path(target).write_text(json.dumps(_timings, indent=1), encoding="utf-8")


def _summary() -> None:
    """The build's last word on the seeds: how many were published, and every one that was
    not (quarantined), with its file and the reason. A plain build publishes the others."""
    site = _state.get("site")
    if site is None:
        return
    published, errors = len(site.digest.articles), site.digest.errors
    if not errors:
        log.info("digest: %s published, no seed quarantined", _articles(published))
        return
    lines = "".join(f"\n  {error.path}: {error.reason}" for error in errors)
    log.warning("digest: %s published, %d quarantined (not published):%s", _articles(published), len(errors), lines)


def _articles(n: int) -> str:
    return f"{n} article" + ("" if n == 1 else "s")


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    seeds, taxonomy, _ = _settings(config)
    server.watch(str(seeds))
    server.watch(str(taxonomy or _state["site"].taxonomy_path))
    server.watch(str(_ROOT / "digest"))
    return server
