#!/usr/bin/env bash
# Set up and serve the site (default), or build it into site/:
#   scripts/site.sh            # http://127.0.0.1:8000, rebuilds when seeds or taxonomy change
#   scripts/site.sh build      # static site in site/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
case "${1:-serve}" in
  serve) shift || true; exec mkdocs serve "$@" ;;
  build) shift; exec mkdocs build --strict "$@" ;;
  *) echo "usage: scripts/site.sh [serve|build] [mkdocs options]" >&2; exit 2 ;;
esac
