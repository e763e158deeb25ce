#!/usr/bin/env bash
# Set up and run every test: Python (pytest, including the strict build and the browser
# tests in Debian's chromium) and JavaScript (node --test). Screenshots: artifacts/screenshots/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bash scripts/setup-browser.sh
bash scripts/setup-zensical.sh
node --test tests/js/
python -m pytest "$@"
