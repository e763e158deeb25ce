"""What is in the seeds folder, read safely.

Only regular files are read, never through a link: a symlink in ``seeds/`` could publish
``/etc/passwd``, a secret outside the tree or ``/proc/self/status``. A link (dangling or
not), a folder, a FIFO, a socket or a device is an error naming it. Files are then read by
:func:`..parse.reader.read_bounded` (no link followed, size checked before reading).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..model import SeedError


@dataclass(frozen=True)
class Entry:
    """A regular file of the folder, by name (never through a link)."""

    path: Path
    # (size, mtime_ns, ctime_ns, inode) when listed: a file with the same is taken as unchanged
    # by a process that keeps what it read (digest/corpus/build.py, SeedMemo).
    signature: tuple[int, int, int, int] = (0, 0, 0, 0)


def file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file: seeds are not read from subfolders"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def list_folder(directory: Path) -> list[Entry | SeedError]:
    """Every entry of ``directory`` in name order: a regular file, or an error saying what
    else it is. Nothing is skipped silently (hidden and non-seed files are the caller's)."""
    found: list[Entry | SeedError] = []
    with os.scandir(directory) as scan:
        items = sorted(scan, key=lambda e: e.name)
    for item in items:
        path = directory / item.name
        try:
            info = item.stat(follow_symlinks=False)
        except OSError as error:
            found.append(SeedError(str(path), f"cannot be read ({error.strerror or error})"))
            continue
        if stat.S_ISLNK(info.st_mode):
            target = os.readlink(path) if hasattr(os, "readlink") else "?"
            state = "" if os.path.exists(path) else " (dangling)"
            found.append(SeedError(str(path), f"a symbolic link{state} to {target}: links are never followed; copy the file into the folder"))
        elif stat.S_ISREG(info.st_mode):
            found.append(Entry(path, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)))
        else:
            found.append(SeedError(str(path), file_kind(info.st_mode)))
    return found
