"""A content-keyed cache of parsed articles, so that rebuilds (``mkdocs serve``) only parse
the seeds that changed.

Parsing is pure: the same bytes, name and id give the same :class:`Article` for the same
code and data. The key therefore hashes the seed's bytes, name and id together with a
fingerprint of the ``digest`` package's sources and data files (and the taxonomy in use), so
that any change to the code or the data invalidates every entry.

The file is untrusted like every other input: it is JSON (never pickle, which would run code
from a tampered file), stamped with its format, and each entry carries the SHA-256 of its
record. An entry whose checksum does not match (a flipped bit, a letter changed to another
valid one, a truncated file) or whose record does not check field by field is dropped and
its seed parsed again; a file that cannot be read at all is a cold build. Nothing read from
it is published without passing both checks.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..model import Article

_PACKAGE = Path(__file__).resolve().parent.parent  # the digest package
FORMAT = "digest-cache-2"
# A cache larger than this is not ours (10,000 articles take about 150 MB).
MAX_CACHE_BYTES = 4 * 1024**3


def code_fingerprint(*extra: Path, without: Path | None = None) -> str:
    """The package's sources and data files, and ``extra`` files (the taxonomy in use);
    ``without``: leave that data file out (a fingerprint of the code without the taxonomy)."""
    digest = hashlib.sha256(FORMAT.encode())
    data = [p for p in sorted((_PACKAGE / "data").glob("*.yaml")) if without is None or p.resolve() != without.resolve()]
    files = sorted(_PACKAGE.rglob("*.py")) + data + list(extra)
    for path in files:
        name = path.relative_to(_PACKAGE).as_posix() if path.is_relative_to(_PACKAGE) else path.name
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def seed_key(fingerprint: str, name: str, article_id: str, data: bytes) -> str:
    """What a parsed article is a function of: the code and data (``fingerprint``), the
    seed's name, id and bytes."""
    digest = hashlib.sha256(fingerprint.encode())
    for part in (name.encode("utf-8", "surrogateescape"), article_id.encode(), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _checksum(record: str) -> str:
    return hashlib.sha256(record.encode("utf-8", "surrogatepass")).hexdigest()


def _record(article: Article) -> str:
    return json.dumps(article.to_record(), ensure_ascii=False, separators=(",", ":"))


def record_version(article: Article) -> str:
    """A hash of the article's whole record (what its pages are made of): the same as the
    cache's checksum of its entry."""
    return _checksum(_record(article))


class ArticleCache:
    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.hits = self.misses = self.dropped = 0
        # key → [checksum, the record as JSON text]: parsed only when asked for.
        self._entries: dict[str, list[str]] = {}
        self._used: set[str] = set()
        self._dirty = False
        try:
            if path.stat().st_size > MAX_CACHE_BYTES:
                raise ValueError("too large")
            stored = json.loads(path.read_bytes())
            if stored.get("format") == FORMAT and stored.get("fingerprint") == fingerprint:
                entries = stored["entries"]
                if isinstance(entries, dict):
                    self._entries = {
                        k: v for k, v in entries.items()
                        if isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
                    }
        except (OSError, ValueError, AttributeError, KeyError, TypeError, RecursionError):
            self._entries = {}  # no cache, an old format or a torn file: start afresh

    def key(self, name: str, article_id: str, data: bytes) -> str:
        return seed_key(self.fingerprint, name, article_id, data)

    def begin(self) -> None:
        """A new build with the same cache (the next build of ``mkdocs serve``): the entries
        it uses are counted afresh."""
        self.hits = self.misses = self.dropped = 0
        self._used = set()

    def keep(self, key: str) -> None:
        """The article of ``key`` is used by this build (the caller holds it already)."""
        self._used.add(key)

    def get(self, key: str) -> Article | None:
        entry = self._entries.get(key)
        article = None
        if entry is not None:
            checksum, record = entry
            if checksum == _checksum(record):
                try:
                    article = Article.from_record(json.loads(record))
                except (ValueError, TypeError, RecursionError):
                    article = None
            if article is None:
                self.dropped += 1  # damaged: parse again, and overwrite it
                del self._entries[key]
                self._dirty = True
        if article is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return article

    def put(self, key: str, article: Article) -> str:
        """Store the article; its record's version (:func:`record_version`)."""
        record = _record(article)
        checksum = _checksum(record)
        self._entries[key] = [checksum, record]
        self._used.add(key)
        self._dirty = True
        return checksum

    def version(self, key: str) -> str:
        """The record version of the entry ``key`` (one just read by :meth:`get` or stored)."""
        return self._entries[key][0]

    def save(self) -> None:
        """Write the entries used by this build (others are stale), atomically."""
        if not self._dirty and self._used == set(self._entries):
            return
        entries = {k: v for k, v in self._entries.items() if k in self._used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"format": FORMAT, "fingerprint": self.fingerprint, "entries": entries}, handle,
                          ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
