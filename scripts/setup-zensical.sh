#!/usr/bin/env bash
# Zensical (Material's successor) for tests/test_zensical.py: .venv-zensical with
# requirements-zensical.txt installed, apart from .venv so that it cannot move MkDocs' pins.
# Idempotent, like setup.sh; adds nothing to PATH (the test calls .venv-zensical/bin/zensical).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv-zensical/bin/python ]; then
  "$PYTHON" -m venv .venv-zensical
fi
# Reinstall only when requirements-zensical.txt changed since the last install.
stamp=.venv-zensical/.requirements.sha256
want=$(sha256sum requirements-zensical.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -x .venv-zensical/bin/zensical ]; then
  .venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
  echo "$want" > "$stamp"
fi
