#!/usr/bin/env bash
# Installs what strec needs on Debian 12 (as root, or with sudo) and builds
# it into build/. --deps-only: install, do not build.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make gcc pkg-config libzstd-dev libcbor-dev libseccomp-dev man-db groff-base
	  strace zstd python3 python3-cbor2 clang libclang-rt-dev bash-completion libbpf-dev bpftool libelf-dev
	  librsvg2-bin fonts-dejavu-core shellcheck clang-format-14
	  chromium) # chromium: strstat --html's test (tools.html_view) loads the page headless
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm run the DuckDB recipes' test (eco.analytics): Debian's, unless
# a node with its own npm is there already (a NodeSource nodejs bundles npm
# and conflicts with Debian's npm package)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
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
