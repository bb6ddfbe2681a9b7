#!/usr/bin/env bash
# Builds the frontend fuzzer in build-fuzz and runs it for DURATION seconds
# (default 60) on the spec modules; fails on any crash, leak, hang or
# sanitizer report.
# Usage: scripts/fuzz-smoke.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60}
BUILD_DIR=${BUILD_DIR:-build-fuzz}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DWASMAOT_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
fi
ninja -C "$BUILD_DIR" -j2 frontend-fuzzer
CORPUS="$BUILD_DIR/fuzz-corpus"
if [ ! -d "$CORPUS" ] || [ -z "$(ls -A "$CORPUS")" ]; then
  fuzz/make-seed-corpus.sh "$CORPUS"
fi
# New inputs go to a scratch directory: the seed corpus stays as built.
NEW="$BUILD_DIR/fuzz-new"
mkdir -p "$NEW"
"$BUILD_DIR/fuzz/frontend-fuzzer" -max_total_time="$DURATION" -timeout=10 \
  -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$BUILD_DIR/" "$NEW" "$CORPUS"
