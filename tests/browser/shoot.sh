#!/usr/bin/env bash
# Looks at a committee report the way a planner would: a screenshot (PNG, first 1280x2000
# pixels) and the printed version (A4 PDF, through the report's print style sheet), both made by
# headless Chromium with the same flags as tests/report.rs.
#
#   tests/browser/shoot.sh report.html [out-prefix]   # writes out-prefix.png and out-prefix.pdf
#
# Chromium comes from .ci/install-browser.sh. `pdftoppm -png -r 70 out.pdf page` (poppler-utils)
# turns the PDF into page images.
set -euo pipefail
page="${1:?usage: $0 report.html [out-prefix]}"
prefix="${2:-${page%.html}}"
[ -x /usr/bin/chromium ] || { echo "chromium missing: run bash .ci/install-browser.sh" >&2; exit 1; }
url="file://$(realpath "$page")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync "--user-data-dir=$profile")
timeout 300 /usr/bin/chromium "${flags[@]}" "--screenshot=$prefix.png" --window-size=1280,2000 "$url" 2>/dev/null
timeout 300 /usr/bin/chromium "${flags[@]}" "--print-to-pdf=$prefix.pdf" --no-pdf-header-footer "$url" 2>/dev/null
echo "$prefix.png"
echo "$prefix.pdf"
