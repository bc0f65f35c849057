#!/usr/bin/env bash
# Installs what strec needs on Debian 12 (as root, or with sudo) and builds
# it into build/. --deps-only: install, do not build.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make gcc pkg-config libzstd-dev libcbor-dev libseccomp-dev man-db groff-base
	  strace zstd python3 python3-cbor2 clang libclang-rt-dev bash-completion shellcheck)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "setup: installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ "${1:-}" = "--deps-only" ] && exit 0

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
