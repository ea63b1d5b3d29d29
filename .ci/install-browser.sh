#!/usr/bin/env bash
# Installs what the browser tests of the committee report need (tests/report.rs): Debian's
# headless-capable Chromium at /usr/bin/chromium, and a font with Vietnamese glyphs so that
# screenshots show diacritics. Safe to run again: it does nothing when Chromium is there.
set -euo pipefail

# --- report: headless Chromium (issue 5) ---
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package) for the report tests" >&2
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
/usr/bin/chromium --version >&2 || { echo "chromium is not usable" >&2; exit 1; }
