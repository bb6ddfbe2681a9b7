#!/usr/bin/env bash
# Configures (once) and builds wasmaot in BUILD_DIR (default: build) with clang-19.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
LAUNCHER=()
if command -v ccache >/dev/null && [ -z "${WASMAOT_NO_CCACHE:-}" ]; then
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    "${LAUNCHER[@]}" "$@"
fi
ninja -C "$BUILD_DIR" -j2
