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

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory, get_build_date

# The hook file is loaded by path, not as part of a package: make `digest` importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from digest.language.escape import sanitize  # noqa: E402
from digest.site import build_site  # noqa: E402
from digest.site.blocks import Deferred, identity, plan, rendered, restore  # noqa: E402
from digest.site import incremental, session  # noqa: E402
from digest.site.incremental import BuildState, Manifest, environment, fingerprint, manifest_path, remove_stale, tree_fingerprint  # noqa: E402
from digest.site.pages import Page  # noqa: E402
from digest.site.session import Session  # noqa: E402

log = logging.getLogger("mkdocs.hooks.digest")

_state: dict = {}  # "site": SiteBuild, "incremental": BuildState
# src_uri → the HTML blocks kept out of that generated page's Markdown, some not rendered
# yet (digest/site/blocks.py).
_blocks: dict[str, tuple[str | Deferred, ...]] = {}
# src_uri → the front matter of that generated page, as data.
_meta: dict[str, dict] = {}  # type: ignore[type-arg]
# Seconds spent in this hook (digest included), written out for bench/ when DIGEST_TIMINGS
# names a file; "event:phase" names a part of an event's time (not to be added to it).
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
    # `mkdocs serve` builds again after every edit: what did not change is kept between
    # its builds (digest/site/session.py).
    session.serving = Session() if command == "serve" else None
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
        site = build_site(seeds, taxonomy, cache, config.site_url or "", session.serving)
    finally:
        gc.enable()
    _state["site"] = site
    for phase, seconds in site.seconds.items():  # parts of on_config's time, reported apart
        _timings[f"on_config:{phase}"] = _timings.get(f"on_config:{phase}", 0.0) + seconds
    for error in site.digest.errors:
        log.error("seed not published: %s", error)
    # Gaps (an unknown date, no topic) are said once per version of an article: `mkdocs
    # serve` does not repeat thousands of lines after every edit.
    said = session.serving.adapter.setdefault("said", {}) if session.serving is not None else {}
    for article in site.digest.articles:
        version = site.digest.versions.get(article.id)
        if said.get(article.id) == version:
            continue
        said[article.id] = version
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
    it renders or copies a file: the answer is the file's fingerprint (computed in on_files,
    from what the file is made of) against the manifest of the last build into the same
    folder (digest/site/incremental.py)."""

    # A page in the nav is fingerprinted like any other: what it shows of the nav (entries,
    # titles, neighbours) is the configured nav, part of the global fingerprint.
    fp: str | None = None

    def is_modified(self) -> bool:
        build = _build()
        if build.full or self.fp is None:
            return True
        return build.previous.files.get(self.dest_uri) != self.fp or not os.path.isfile(self.abs_dest_path)


class PageFile(GeneratedFile):
    """A generated page: MkDocs holds its skeleton; its meta and HTML blocks are the hook's."""

    def is_modified(self) -> bool:
        modified = super().is_modified()
        if not modified:
            _blocks.pop(self.src_uri, None)  # not written: its blocks are let go
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
        path = Path(self.abs_dest_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.render(), encoding="utf-8")


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


def _dest_uri(src_uri: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes a file (mkdocs/structure/files.py, File._get_dest_path), known
    before the file exists: a narrow build makes files only for what it writes. Checked
    against MkDocs for every file made (on_files)."""
    if not src_uri.endswith(".md"):
        return src_uri
    parent, _, name = src_uri.rpartition("/")
    stem = name[:-3]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return f"{parent}/{stem}.html" if parent else f"{stem}.html"
    return f"{parent}/{stem}/index.html" if parent else f"{stem}/index.html"


def _fingerprint_parts(content: Page | str | Callable[[], str], planned: tuple[str, tuple] | None) -> list[str]:  # type: ignore[type-arg]
    """What a generated file is made of: a page's key when it has one (digest/site/pages.py),
    else its meta, skeleton and blocks (a deferred block by its key); a file's key when it
    has one, else its text. Nothing is rendered to be compared."""
    if isinstance(content, Page):
        if content.key is not None:
            return ["key", content.key]
        skeleton, kept = planned  # type: ignore[misc]
        return [json.dumps(content.meta, ensure_ascii=False, sort_keys=True, default=str), skeleton, *identity(kept)]
    key = getattr(content, "key", None)
    if key is not None:
        return ["key", key()]
    return [content() if callable(content) else content]


@_timed("on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site, build = _state["site"], _build()
    _blocks.clear()
    _meta.clear()
    hand_written = {f.src_uri for f in files}
    for src_uri in hand_written & set(site.files):
        log.error("docs/%s is generated by the digest: remove the hand-written copy", src_uri)
        files.remove(files.get_file_from_path(src_uri))
    # Every generated file's fingerprint, for the manifest (and the narrow build's choice).
    generated: list[tuple[str, str, Page | str | Callable[[], str], tuple | None]] = []  # type: ignore[type-arg]
    for src_uri, content in site.files.items():
        dest = _dest_uri(src_uri, config.use_directory_urls)
        planned = None
        if isinstance(content, Page) and content.key is None:
            planned = plan(content.blocks)
        if build.manifest is not None or not build.full:
            build.current[dest] = fingerprint(build.global_fp, dest, *_fingerprint_parts(content, planned))
        generated.append((src_uri, dest, content, planned))
    # MkDocs gets its files now: the digest's copy of them is let go.
    site.files.clear()
    chosen = _narrow(files, generated, config)
    for src_uri, dest, content, planned in generated if chosen is None else chosen:
        if isinstance(content, Page):
            # MkDocs gets the body without front matter (on_page_markdown hands it the meta
            # as data, no YAML round trip) and without its final HTML blocks, which
            # on_post_page puts back (rendering the deferred ones): the same page, without
            # parsing it all twice, and without holding every page's HTML at once.
            _meta[src_uri] = content.meta
            skeleton, kept = planned or plan(content.blocks)
            if kept:
                _blocks[src_uri] = kept
            file: GeneratedFile = PageFile.generated(config, src_uri, content=skeleton)
        elif callable(content):
            file = RenderedFile.of(config, src_uri, content)
        else:
            file = GeneratedFile.generated(config, src_uri, content=content)
        if file.dest_uri != dest:
            raise RuntimeError(f"{src_uri}: MkDocs writes it to {file.dest_uri}, the digest expected {dest}")
        file.fp = build.current.get(dest)
        files.append(file)
    # A hand-written page is built every time (a dirty build would otherwise skip it by its
    # date, and leave it out of the search index written from the pages it builds).
    for file in files.documentation_pages():
        if not isinstance(file, GeneratedFile):
            file.is_modified = _always  # type: ignore[method-assign]
    # In MkDocs' own order (as if the pages were in docs/), so that the sitemap and anything
    # else that walks the files agree with a build of `python -m digest export`.
    return Files(sorted(files, key=_walk_order))


def _narrow(files: Files, generated: list[tuple], config: MkDocsConfig) -> list[tuple] | None:  # type: ignore[type-arg]
    """The generated files of a narrow build, or None for a build of them all.

    In a dirty rebuild of `mkdocs serve` whose generated files are the same set as the last
    build's, MkDocs is handed only what it must build: the generated files whose fingerprint
    changed (or that are missing on disk), the nav's pages, and any generated file a
    hand-written page may link to (its path appears in the page's text); every hand-written
    page and theme file as always. The others are on disk as the last build wrote them:
    MkDocs would only skip them, after making a file and a page object for each (seconds at
    10,000 articles). MkDocs writes the sitemap from the pages it is handed: the sitemap of
    the last build that had them all is written instead (on_post_template: same pages, same
    site URL, same day: same sitemap)."""
    build = _build()
    if session.serving is None:
        return None
    held = session.serving.adapter
    pages = sorted([f.src_uri for f in files.documentation_pages()] + [g[0] for g in generated if g[0].endswith(".md")])
    held["sitemap-key"] = key = fingerprint(config.site_url or "", get_build_date(), *pages)
    sitemap = held.get("sitemap")
    if build.full or sitemap is None or sitemap[0] != key or build.current.keys() != build.previous.files.keys():
        return None
    nav = set(_nav_sources(config.nav or []))
    hand_written = "\n".join(Path(f.abs_src_path).read_text(encoding="utf-8", errors="replace")
                             for f in files.documentation_pages() if f.abs_src_path)
    site_dir = config.site_dir
    chosen = [
        g for g in generated
        if g[0] in nav or build.previous.files[g[1]] != build.current[g[1]]
        or not os.path.isfile(os.path.join(site_dir, g[1])) or _reference(g[0]) in hand_written
    ]
    build.narrow = True
    return chosen


def _reference(src_uri: str) -> str:
    """What a link to a generated file holds: its path without index.md or .md."""
    return src_uri.removesuffix("index.md").removesuffix(".md").rstrip("/") or src_uri


def _nav_sources(items) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += _nav_sources(value)
    return found


def _always() -> bool:
    return True


def on_pre_build(config: MkDocsConfig) -> None:
    build = _build()
    if incremental.dirty_builds and build.full:
        # A dirty build that cannot trust what the folder holds: a full one, from empty.
        clean_directory(config.site_dir)


class _HeldBytecode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept by `mkdocs serve` between its builds (MkDocs
    makes a new template environment for every build; compiling the theme again takes a
    second). Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.held: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.held.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.held[bucket.key] = bucket.bytecode_to_string()


def on_env(env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    if session.serving is not None:
        held = session.serving.adapter
        if held.get("bytecode-for") != _build().global_fp:  # other settings, theme or code
            held["bytecode"], held["bytecode-for"] = _HeldBytecode(), _build().global_fp
        env.bytecode_cache = held["bytecode"]
    return env


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
    return _html_direction(restore(output, kept), config)


@_timed("on_post_template")
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "sitemap.xml" and session.serving is not None:
        held = session.serving.adapter
        if _build().narrow:
            return held["sitemap"][1]  # type: ignore[no-any-return]
        held["sitemap"] = (held.get("sitemap-key"), output)
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


def on_shutdown() -> None:
    if session.serving is not None:
        observer = session.serving.adapter.pop("observer", None)
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
        session.serving.close()
        session.serving = None


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    seeds, taxonomy, _ = _settings(config)
    editors = [seeds, taxonomy or _state["site"].taxonomy_path]
    if not _watch_natively(server, editors):
        for path in editors:
            server.watch(str(path))
    server.watch(str(_ROOT / "digest"))
    return server


def _watch_natively(server, paths: list[Path]) -> bool:  # type: ignore[no-untyped-def]
    """Watch the seeds and the taxonomy with the system's own file events (inotify on Linux,
    through watchdog, which MkDocs uses), not MkDocs' polling: MkDocs looks at every watched
    file every half second (10,000 seeds: a tenth of a second of the server's time, twice a
    second, and up to half a second before an edit is seen). A change asks the server for a
    rebuild as its own watcher does. False (MkDocs' watching is used) when the server is not
    the one this is written for or the system has no file events."""
    if session.serving is None or not all(hasattr(server, a) for a in ("_rebuild_cond", "_want_rebuild")):
        return False
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    folders = {str(path.resolve()): path.resolve() for path in paths if path.is_dir()}
    files = {str(path.resolve()) for path in paths if not path.is_dir()}

    def wanted(event) -> bool:  # type: ignore[no-untyped-def]
        # Writes only: inotify also reports a file opened or closed unwritten, and the build
        # itself reads the taxonomy and the sidecars (a rebuild would call the next).
        if event.is_directory or event.event_type not in ("created", "modified", "moved", "deleted", "closed"):
            return False
        named = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        return any(n in files or os.path.dirname(n) in folders for n in named)

    def changed(event) -> None:  # type: ignore[no-untyped-def]
        if wanted(event):
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = changed  # type: ignore[method-assign]
    observer = Observer()
    if isinstance(observer, PollingObserver):
        return False  # no native events here
    try:
        for folder in sorted(set(folders) | {os.path.dirname(f) for f in files}):
            observer.schedule(handler, folder, recursive=False)
        observer.start()
    except OSError as error:  # no inotify watches left, a file system without events
        log.info("digest: watching by polling (%s)", error)
        return False
    session.serving.adapter["observer"] = observer
    log.info("digest: watching %s with file events", ", ".join(str(p) for p in paths))
    return True
