"""Reading seed files: bytes → text, or a :class:`SeedError` that says why not.

Seeds are scraped pages: the reader accepts what a browser would (UTF-8 with or without BOM,
Windows-1256 Arabic, any line ending) and refuses, with a reason, what is not text.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..language.escape import sanitize
from ..model import SeedError

# A seed larger than this is not an article but a dump; refuse it rather than stall a build.
MAX_BYTES = 8 * 1024 * 1024
SEED_SUFFIX = ".txt"

_JUNK_RE = re.compile("[\x80-\x9f\ue000-\uf8ff\ufffd]")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _decode(path: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        # Windows-1256 is what Arabic Windows sites still serve. Accept it only when the
        # result reads as Arabic: cp1256 maps almost every byte, so any junk would "decode".
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            text = ""
        letters = sum(1 for ch in text if ch.isalpha())
        if letters and len(_ARABIC_RE.findall(text)) >= 0.6 * letters:
            return text
        raise SeedError(
            path, f"not valid UTF-8 (byte {utf8_error.start}) and not Windows-1256 Arabic either"
        ) from None


def decode_seed(path: str, data: bytes) -> str:
    """Text of a seed, line endings made ``\\n``; raises :class:`SeedError` for non-text."""
    if len(data) > MAX_BYTES:
        raise SeedError(path, f"too large ({len(data)} bytes; the limit is {MAX_BYTES})")
    if not data.strip():
        raise SeedError(path, "empty file" if not data else "only whitespace")
    # Text has next to no C0 control bytes; executables, images and archives are full of them.
    controls = sum(data.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    if controls > len(data) // 100:
        raise SeedError(path, "binary data, not text (control bytes)")
    text = _decode(path, data)
    # Decoded junk shows as C1 controls, private-use characters and replacement marks.
    if len(_JUNK_RE.findall(text)) > 0.1 * len(text):
        raise SeedError(path, "binary data, not text")
    # Stray NULs, controls, bidi overrides, noncharacters: noise, never content (the one
    # sanitiser every published string goes through).
    text = sanitize(text)
    if not text.strip():
        raise SeedError(path, "only whitespace")
    if not _LETTER_RE.search(text):
        raise SeedError(path, "no letters: nothing to publish")
    return text


def read_seed(path: Path) -> str:
    return decode_seed(str(path), read_bounded(path, MAX_BYTES))


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit``; raises :class:`SeedError`
    for a link, a special file, or a file larger than ``limit``.

    Opened with ``O_NOFOLLOW`` (a link swapped in after the folder was listed is refused by
    the kernel); the size is checked on the open descriptor *before* reading, and the read
    stops at the limit (a file growing while read stays bounded): a 3 GB dump never reaches
    memory."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError as error:
        if os.path.islink(path):
            raise SeedError(str(path), "a symbolic link: links are never followed") from None
        raise SeedError(str(path), f"cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SeedError(str(path), "not a regular file (a folder, a pipe, a socket or a device)")
        if info.st_size > limit:
            raise SeedError(str(path), f"too large ({info.st_size} bytes; the limit is {limit})")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise SeedError(str(path), f"too large (grew past {limit} bytes while read)")
        return b"".join(chunks)
    except OSError as error:
        raise SeedError(str(path), f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
