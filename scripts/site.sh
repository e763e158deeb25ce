#!/usr/bin/env bash
# Set up and serve the site (default), or build it into site/:
#   scripts/site.sh            # http://127.0.0.1:8000, rebuilds when seeds or taxonomy change,
#                              # incrementally (--dirtyreload: only the files whose content changed
#                              # are written again; see README, "Incremental builds")
#   scripts/site.sh build      # static site in site/: every seed that can be published is
#                              # (the others are listed at the end); `mkdocs build --strict`
#                              # or `python -m digest check` fail on any such seed instead
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
case "${1:-serve}" in
  serve) shift || true; exec mkdocs serve --dirtyreload "$@" ;;
  build) shift; exec mkdocs build "$@" ;;
  *) echo "usage: scripts/site.sh [serve|build] [mkdocs options]" >&2; exit 2 ;;
esac
