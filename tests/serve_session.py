"""Builds a project's site again and again in one process, as `mkdocs serve --dirtyreload`
does after each edit (the configuration loaded anew, the hook file too, `on_startup` once,
dirty builds into one folder), minus the HTTP server: tests drive it through stdin.

    python tests/serve_session.py SITE_DIR      # in the project's folder
    stdin:  one line per build wanted; stdout: "built" after each (or "failed: ...")
"""

from __future__ import annotations

import logging
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def main() -> None:
    site_dir = sys.argv[1]
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    first = load_config(site_dir=site_dir)
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        for _ in sys.stdin:
            try:
                build(load_config(site_dir=site_dir), dirty=True)
            except Exception as error:  # noqa: BLE001 — reported to the test, which fails
                print(f"failed: {error!r}", flush=True)
                continue
            print("built", flush=True)
    finally:
        first.plugins.on_shutdown()


if __name__ == "__main__":
    main()
