#!/usr/bin/env bash
# The installed tree and the Debian package (cmake/WasmaotPackage.cmake).
#   test-install.sh tree BUILD_DIR HELLO_WASM   install with --prefix into a
#       scratch folder, move it, and compile and run hello for every target
#       from another working directory
#   test-install.sh deb BUILD_DIR HELLO_WASM    build the .deb with cpack,
#       `apt-get install` it, compile and run hello with /usr/bin/wasmaot, and
#       remove the package again (needs root: exit 77, which ctest reports as
#       skipped, not passed, otherwise)
# Prints one line per check and ends with "N passed, N failed".
set -uo pipefail
MODE=$1 BUILD=$(realpath "$2") HELLO=$(realpath "$3")
SCRATCH=$(mktemp -d)
PASSED=0 FAILED=0
check() { # NAME COMMAND...: passes when COMMAND succeeds
  local name=$1; shift
  if "$@" > "$SCRATCH/out" 2>&1; then
    echo "PASS $name"; PASSED=$((PASSED + 1))
  else
    echo "FAIL $name:"; sed 's/^/    /' "$SCRATCH/out" | head -20
    FAILED=$((FAILED + 1))
  fi
}
# Compiles hello with WASMAOT for every target it lists and checks the output.
compile_and_run() {
  local wasmaot=$1 targets
  targets=$("$wasmaot" --version | sed 's/.*targets: //') || return 1
  for t in $targets; do
    (cd "$SCRATCH" && "$wasmaot" compile --target "$t" "$HELLO" -o "hello-$t") || return 1
    case "$t" in
      x86_64-*) out=$("$SCRATCH/hello-$t") ;;
      aarch64-*) out=$(qemu-aarch64 "$SCRATCH/hello-$t") ;;
    esac
    [ "$out" = "Hello, world!" ] || { echo "$t printed: $out"; return 1; }
  done
}
# `wasmaot compare` finds its script in the tree and times hello with wasmaot.
compare_runs() {
  local out
  out=$("$1" compare "$HELLO" --runs 1 --warmup 0 --only wasmaot) || return 1
  grep -Eq '^wasmaot +[0-9.]+ .* ok$' <<<"$out"
}
# A library made with the tree's wasmaot, linked by cc into a host that uses
# the installed embed.hpp too.
library_links() {
  local wasmaot=$1 include=$2
  printf '(module (func (export "twice") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))' \
    > "$SCRATCH/twice.wat"
  "$wasmaot" compile --emit=lib "$SCRATCH/twice.wat" -o "$SCRATCH/libtwice.a" || return 1
  cat > "$SCRATCH/host.cpp" <<'CPP'
#include "twice.h"
#include "wasmaot/embed.hpp"
#include <cstdio>
int main() {
  wasmaot::instance_ptr<twice_instance, twice_delete> I(twice_new(nullptr, nullptr));
  if (!I) return 1;
  std::printf("%d\n", twice_twice(I.get(), 21));
}
CPP
  c++ -I"$SCRATCH" -I"$include" "$SCRATCH/host.cpp" "$SCRATCH/libtwice.a" -o "$SCRATCH/host" || return 1
  [ "$("$SCRATCH/host")" = 42 ]
}
version_line_ok() {
  "$1" --version | grep -Eq '^wasmaot [0-9.]+ \(([0-9a-f]+(-modified)?|unknown)\) LLVM 19\.[0-9.]+ targets: x86_64-linux-gnu'
}

case "$MODE" in
tree)
  check "install" cmake --install "$BUILD" --prefix "$SCRATCH/first"
  check "move the tree" mv "$SCRATCH/first" "$SCRATCH/moved"
  for f in bin/wasmaot share/man/man1/wasmaot.1 share/doc/wasmaot/LICENSE \
           share/bash-completion/completions/wasmaot \
           lib/wasmaot/x86_64-linux-gnu/libwasmaot-rt.a \
           lib/wasmaot/x86_64-linux-gnu/libwasmaot-embed.a \
           include/wasmaot/embed.h include/wasmaot/embed.hpp; do
    check "installed $f" test -f "$SCRATCH/moved/$f"
  done
  check "--version line" version_line_ok "$SCRATCH/moved/bin/wasmaot"
  check "moved tree compiles and runs hello" compile_and_run "$SCRATCH/moved/bin/wasmaot"
  check "moved tree runs compare" compare_runs "$SCRATCH/moved/bin/wasmaot"
  check "moved tree makes a library" library_links "$SCRATCH/moved/bin/wasmaot" "$SCRATCH/moved/include"
  ;;
deb)
  if [ "$(id -u)" -ne 0 ]; then
    echo "deb: needs root to install a package"; rm -rf "$SCRATCH"; exit 77
  fi
  rm -f "$BUILD"/wasmaot_*.deb
  check "cpack" sh -c "cd '$BUILD' && cpack -G DEB"
  DEB=$(ls "$BUILD"/wasmaot_*_amd64.deb 2>/dev/null | head -1)
  check "package named wasmaot_VERSION_amd64.deb" test -n "$DEB"
  check "Depends names the C libraries executables link with" \
    sh -c "dpkg-deb -f '$DEB' Depends | grep -q 'libc6-dev, libstdc++-12-dev, libgcc-12-dev'"
  trap 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq wasmaot >/dev/null 2>&1' EXIT
  check "apt-get install" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB"
  check "/usr/bin/wasmaot --version" version_line_ok /usr/bin/wasmaot
  check "/usr/bin/wasmaot compiles and runs hello" compile_and_run /usr/bin/wasmaot
  check "/usr/bin/wasmaot compare" compare_runs /usr/bin/wasmaot
  check "/usr/bin/wasmaot makes a library" library_links /usr/bin/wasmaot /usr/include
  check "Depends python3, Recommends python3-matplotlib" \
    sh -c "dpkg-deb -f '$DEB' Depends | grep -q python3 && dpkg-deb -f '$DEB' Recommends | grep -q python3-matplotlib"
  check "man page" test -f /usr/share/man/man1/wasmaot.1
  check "apt-get remove" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq wasmaot
  check "removed" test ! -e /usr/bin/wasmaot
  ;;
*) echo "usage: test-install.sh tree|deb BUILD_DIR HELLO_WASM"; exit 2 ;;
esac
rm -rf "$SCRATCH"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
