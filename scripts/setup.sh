#!/usr/bin/env bash
# Installs what rotaplan's build needs on a fresh Debian machine with Rust: cmake (to build
# HiGHS) and libclang (for the bindgen step of highs-sys). Safe to run again: it installs only
# what is missing. Needs root (or sudo) for apt-get.
#
# bindgen (clang-sys) loads exactly `libclang.so`, `libclang-<version>.so` or `libclang.so.<n>`;
# `libclang-cpp.so.*` (shipped with LLVM) is a different library and does not count.
# ROTAPLAN_LIBCLANG_DIRS overrides the folders searched (used by the setup test).
set -euo pipefail

has_libclang() {
  local dirs=${ROTAPLAN_LIBCLANG_DIRS:-"${LIBCLANG_PATH:-} /usr/lib/llvm-*/lib /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib /usr/local/lib"}
  local d f
  for d in $dirs; do
    [ -d "$d" ] || continue
    for f in "$d"/libclang.so "$d"/libclang-*.so "$d"/libclang.so.* "$d"/libclang-*.so.*; do
      [ -e "$f" ] || continue
      case "$(basename "$f")" in
        libclang-cpp*) continue ;;
      esac
      return 0
    done
  done
  return 1
}

if [ "${1:-}" = "--probe-libclang" ]; then
  has_libclang && echo present || echo missing
  exit 0
fi

need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
has_libclang || need+=(libclang1)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y "${need[@]}" >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y "${need[@]}" >/dev/null; }
fi
