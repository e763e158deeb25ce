#!/usr/bin/env bash
# What the browser and JS tests need from Debian: chromium (driven by Playwright, never
# downloaded by it) and node (the JS half of the normalisation vectors). Installs them when
# missing; needs root or sudo for apt-get.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
# Arabic glyphs for the screenshots and layout checks (Noto Naskh/Sans/Kufi Arabic).
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}"
  sudo_=""
  [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
