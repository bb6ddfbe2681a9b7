#!/usr/bin/env bash
# Installs every Debian package wasmaot needs to build, test and benchmark.
# Idempotent: packages already present are left alone.
set -euo pipefail

PACKAGES=(
  cmake ninja-build ccache
  llvm-19-dev llvm-19-tools clang-19 lld-19 liblld-19-dev libclang-rt-19-dev
  libcli11-dev libgtest-dev
  wabt binaryen
  wasi-libc libclang-rt-19-dev-wasm32 libc++-19-dev-wasm32 libc++abi-19-dev-wasm32
  rustc libstd-rust-dev-wasm32
  qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  libstdc++-12-dev-arm64-cross libgcc-12-dev-arm64-cross clang-format-19
  dpkg-dev
  libtomlplusplus-dev libboost-dev curl wrk lighttpd
  libzstd-dev zlib1g-dev python3 python3-matplotlib nodejs
  gcc g++
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
