"""What one process that builds the site again and again (``mkdocs serve``) keeps between
its builds, so that a build after an edit does only the work the edit calls for.

Every memo here is keyed by what its value is made of (a seed file's size, times and inode;
an article's version; a page's inputs), never by the order of builds: a memo that is stale
is a miss, not a wrong page. ``mkdocs build`` has no session (one build, nothing to keep).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..corpus.build import SeedMemo
from ..corpus.cache import ArticleCache
from ..taxonomy import Taxonomy

T = TypeVar("T")


@dataclass
class Session:
    seeds: SeedMemo = field(default_factory=SeedMemo)
    cache: ArticleCache | None = None
    builds: int = 0
    # What the engine's adapter keeps between builds (hooks/digest_hook.py: the sitemap of
    # the last build that handed MkDocs every file, compiled templates), by name.
    adapter: dict[str, Any] = field(default_factory=dict)
    # Memos of the site stage (digest/site/build.py), by name: (stamp, memo).
    memos: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def memo(self, name: str, stamp: str, make: Callable[[], T]) -> T:
        """The memo ``name`` (made by ``make``), made afresh when the code or data files
        (``stamp``) changed."""
        known = self.memos.get(name)
        if known is None or known[0] != stamp:
            known = self.memos[name] = (stamp, make())
        return known[1]  # type: ignore[no-any-return]

    def article_cache(self, path: Path, fingerprint: str) -> ArticleCache:
        """The article cache, read from disk once per session (and again only when the code,
        the data or the taxonomy changed)."""
        if self.cache is None or self.cache.path != path or self.cache.fingerprint != fingerprint:
            if self.cache is not None:
                self.cache.save()
            self.cache = ArticleCache(path, fingerprint)
        return self.cache

    def taxonomy(self, path: Path) -> Taxonomy:
        """The taxonomy at ``path``, loaded again only when its bytes changed."""
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None
        held = self.memos.get("taxonomy")
        if raw is None or held is None or held[0] != (str(path), raw):
            taxonomy = Taxonomy.load(path)  # the one loader: its checks and errors
            if raw is None:
                return taxonomy
            held = self.memos["taxonomy"] = ((str(path), raw), taxonomy)  # type: ignore[assignment]
        return held[1]  # type: ignore[no-any-return]

    def close(self) -> None:
        """Write what is kept on disk (the article cache: a server writes it after its first
        build and when it stops, not after every edit)."""
        if self.cache is not None:
            self.cache.save()


# The session of this process: set by the MkDocs adapter when `mkdocs serve` starts, kept
# here (a module imported once) because MkDocs loads the hook file anew for every rebuild.
serving: Session | None = None
