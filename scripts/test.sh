#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs ctest (unit tests, lit,
# end-to-end programs, the spec suite), then a 60 s fuzz smoke run.
# Usage: scripts/test.sh            (BUILD_DIR defaults to build)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j2
if [ -x scripts/fuzz-smoke.sh ]; then
  bash scripts/fuzz-smoke.sh "${WASMAOT_FUZZ_SECONDS:-60}"
fi
