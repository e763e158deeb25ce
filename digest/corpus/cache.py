"""A content-keyed cache of parsed articles, so that rebuilds (``mkdocs serve``) only parse
the seeds that changed.

Parsing is pure: the same bytes, name and id give the same :class:`Article` for the same
code and data. The key therefore hashes the seed's bytes, name and id together with a
fingerprint of the ``digest`` package's sources and data files (and the taxonomy in use), so
that any change to the code or the data invalidates every entry. Entries are pickled when
stored, so later edits of an article object (overrides) never leak into the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from ..model import Article

_PACKAGE = Path(__file__).resolve().parent.parent  # the digest package
FORMAT = b"digest-cache-1"


def code_fingerprint(*extra: Path) -> str:
    digest = hashlib.sha256(FORMAT)
    files = sorted(_PACKAGE.rglob("*.py")) + sorted((_PACKAGE / "data").glob("*.yaml")) + list(extra)
    for path in files:
        name = path.relative_to(_PACKAGE).as_posix() if path.is_relative_to(_PACKAGE) else path.name
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ArticleCache:
    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.hits = self.misses = 0
        self._entries: dict[str, bytes] = {}
        self._used: set[str] = set()
        self._dirty = False
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
            if stored.get("fingerprint") == fingerprint:
                self._entries = stored["entries"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError, TypeError):
            self._entries = {}  # no cache, an old format or a torn file: start afresh

    def key(self, name: str, article_id: str, data: bytes) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        for part in (name.encode("utf-8", "surrogateescape"), article_id.encode(), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    def get(self, key: str) -> Article | None:
        blob = self._entries.get(key)
        if blob is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return pickle.loads(blob)

    def put(self, key: str, article: Article) -> None:
        self._entries[key] = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Write the entries used by this build (others are stale), atomically."""
        if not self._dirty and self._used == set(self._entries):
            return
        entries = {k: v for k, v in self._entries.items() if k in self._used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump({"fingerprint": self.fingerprint, "entries": entries}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
