"""Reading seed files: bytes → text, or a :class:`SeedError` that says why not.

Seeds are scraped pages: the reader accepts what a browser would (UTF-8 with or without BOM,
Windows-1256 Arabic, any line ending) and refuses, with a reason, what is not text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import SeedError

# A seed larger than this is not an article but a dump; refuse it rather than stall a build.
MAX_BYTES = 8 * 1024 * 1024
SEED_SUFFIX = ".txt"

_JUNK_RE = re.compile("[\x80-\x9f\ue000-\uf8ff\ufffd]")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidi overrides and isolates can make a title read backwards (U+202E), zero-width marks
# hide text in plain sight; none belongs in a news article. ZWNJ/ZWJ (U+200C/D) are kept.
_INVISIBLE_RE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Stray NULs and C0 controls are noise, not content.
    text = _INVISIBLE_RE.sub("", _CONTROL_RE.sub("", text))
    if not text.strip():
        raise SeedError(path, "only whitespace")
    # Decoded junk shows as C1 controls, private-use characters and replacement marks.
    if len(_JUNK_RE.findall(text)) > 0.1 * len(text):
        raise SeedError(path, "binary data, not text")
    if not _LETTER_RE.search(text):
        raise SeedError(path, "no letters: nothing to publish")
    return text


def read_seed(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SeedError(str(path), f"cannot be read ({error.strerror or error})") from None
    return decode_seed(str(path), data)


def seed_files(directory: Path) -> list[Path]:
    """Every entry of ``directory`` in a stable order (hidden and non-.txt files included,
    so that the caller can report them rather than skip them silently)."""
    return sorted((p for p in directory.iterdir() if p.is_file()), key=lambda p: p.name)
