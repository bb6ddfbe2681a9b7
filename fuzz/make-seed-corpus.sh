#!/usr/bin/env bash
# Fills CORPUS_DIR with every binary module of the spec suite (as wast2json
# writes them), the seeds for frontend-fuzzer.
# Usage: fuzz/make-seed-corpus.sh CORPUS_DIR [SUITE_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS=${1:?usage: make-seed-corpus.sh CORPUS_DIR [SUITE_DIR]}
SUITE=${2:-$ROOT/../shared/spec-testsuite/wasm-2.0}
[ -d "$SUITE" ] || { echo "no spec suite at $SUITE" >&2; exit 1; }
mkdir -p "$CORPUS"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for WAST in "$SUITE"/*.wast; do
  NAME=$(basename "$WAST" .wast)
  wast2json "$WAST" -o "$TMP/$NAME.json" >/dev/null 2>&1 || continue
done
# Names by content, so that running the script again adds no duplicates.
for WASM in "$TMP"/*.wasm; do
  cp "$WASM" "$CORPUS/$(sha1sum "$WASM" | cut -c1-40)"
done
echo "$(ls "$CORPUS" | wc -l) seeds in $CORPUS"
