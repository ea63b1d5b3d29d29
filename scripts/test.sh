#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs what is missing (cmake, libclang for
# HiGHS; Chromium for the report's browser test), then `cargo test --release`. Tests run in
# release mode so HiGHS is built only once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
if [ -f "$here/.ci/install-browser.sh" ]; then
  bash "$here/.ci/install-browser.sh"
fi
cd "$here"
exec cargo test --release "$@"
