"""Incremental builds: which files of the last build into the same folder can stay as they are.

A written file's *fingerprint* is a hash of everything its bytes are made of: the build's
global fingerprint (the configuration, the hand-written pages and theme overrides, the
nav, the code and versions that render them) and the file's own *key*, a statement of what
it is made of taken without rendering it (an article page: its article's version, the
labels and URLs it shows, its related articles' versions; a listing: its meta, Markdown
and its cards' article versions; a text file: its text). A rebuild into a folder whose
manifest has the same global fingerprint rewrites only the files whose fingerprint changed,
and deletes the files the site no longer has; any other rebuild is a full one. A page that
lists an article names that article's version in its key, so an edit of the article
changes the page's fingerprint (digest/site/pages.py builds the keys; tests/
test_incremental.py holds every rebuild to a clean build, byte for byte).

The manifest lives in the cache folder, not in the published site, keyed by the site
folder; like every cache it is untrusted: anything unexpected in it means a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

FORMAT = "digest-site-manifest/1"
# A manifest is read only up to this size (a corrupt or hostile one is not parsed).
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def fingerprint(*parts: str | bytes) -> str:
    """One hash of ``parts`` (each length-prefixed: no two sequences of parts collide)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def tree_fingerprint(folders: Iterable[Path]) -> str:
    """The names and bytes of every file under ``folders`` (hand-written pages, assets, theme
    overrides: small folders)."""
    parts: list[str | bytes] = []
    for folder in folders:
        if not folder.is_dir():
            parts.append(f"missing:{folder}")
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return fingerprint(*parts)


def environment() -> str:
    """Versions of what renders a page besides our code."""
    from importlib.metadata import PackageNotFoundError, version

    versions = [platform.python_version()]
    for package in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe"):
        try:
            versions.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package}=none")
    return " ".join(versions)


def manifest_path(cache_dir: Path, site_dir: Path) -> Path:
    return cache_dir / f"site-manifest-{fingerprint(str(site_dir.resolve()))[:16]}.json"


@dataclass
class Manifest:
    """What the last build wrote into a site folder: its global fingerprint and, for every
    file the digest generated, its path under the folder and its fingerprint."""

    global_fp: str
    files: dict[str, str] = field(default_factory=dict)
    site: str = ""  # the folder it describes (a manifest of a deleted folder is pruned)

    @classmethod
    def load(cls, path: Path) -> "Manifest | None":
        try:
            if path.stat().st_size > MAX_MANIFEST_BYTES:
                return None
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        global_fp, files = data.get("global"), data.get("files")
        if not isinstance(global_fp, str) or not isinstance(files, dict):
            return None
        if not all(isinstance(k, str) and isinstance(v, str) and safe_relative(k) for k, v in files.items()):
            return None
        site = data.get("site", "")
        return cls(global_fp, files, site if isinstance(site, str) else "")

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        # "site" first: prune() reads only the head of other manifests.
        data = {"format": FORMAT, "site": self.site, "global": self.global_fp, "files": self.files}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
        prune(path.parent)


_SITE_RE = re.compile(r'^\{"format": "[^"]*", "site": ("(?:[^"\\]|\\.)*")')


def prune(cache_dir: Path) -> None:
    """Delete the manifests of site folders that no longer exist (`mkdocs serve` builds
    into a temporary folder, deleted when it stops)."""
    for path in cache_dir.glob("site-manifest-*.json"):
        try:
            with path.open(encoding="utf-8", errors="replace") as f:
                match = _SITE_RE.match(f.read(4096))
            if match is None or not Path(json.loads(match.group(1))).is_dir():
                path.unlink()
        except (OSError, ValueError):
            continue


@dataclass
class BuildState:
    """One build against the last one into the same site folder."""

    global_fp: str
    previous: Manifest
    manifest: Path | None  # where this build's manifest goes (None: no cache, no manifest)
    # Every file is written: the build is not dirty (MkDocs emptied the folder), or the last
    # build's manifest is missing or was made with other settings, code, theme or pages.
    full: bool
    current: dict[str, str] = field(default_factory=dict)  # path in the site → fingerprint
    # A narrow build: the engine was handed only the generated files to write (and the few
    # it needs to resolve links and the nav); the others are on disk as the last build left
    # them, and their fingerprints carried over.
    narrow: bool = False


def safe_relative(path: str) -> bool:
    """A path a manifest may name: relative, inside the site folder (a stale file is deleted
    by its manifest path: a hostile manifest must not name anything outside)."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and all(p not in ("", ".", "..") for p in parts)


def remove_stale(site_dir: Path, previous: Manifest, current: dict[str, str]) -> list[str]:
    """Delete the files the last build generated that this one did not, and the folders
    that leaves empty; the paths removed."""
    removed = []
    root = site_dir.resolve()
    for rel in sorted(set(previous.files) - set(current)):
        if not safe_relative(rel):
            continue
        path = site_dir / rel
        try:
            if not path.resolve().is_relative_to(root) or not path.is_file():
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(rel)
        folder = path.parent
        while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


# Whether MkDocs' builds are "dirty" (`mkdocs build --dirty`, `mkdocs serve --dirtyreload`):
# they leave the site folder as it is, so a build may leave unchanged files alone. Set by the
# MkDocs adapter when MkDocs starts; kept here, in a module imported once, because MkDocs
# loads the hook file anew for every rebuild of `serve`.
dirty_builds = False
