#!/usr/bin/env bash
# The whole test suite: a warnings-as-errors build and an ASan+UBSan build,
# each running every ctest test, and a clang build.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build -DSTREC_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DSTREC_WERROR=ON -DSTREC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$jobs"

# clang must build it too, fuzz targets included: compile only.
if command -v clang >/dev/null; then
	cmake -S . -B build-clang -DCMAKE_C_COMPILER=clang -DSTREC_WERROR=ON -DSTREC_SANITIZE=ON -DSTREC_FUZZ=ON \
		>/dev/null
	cmake --build build-clang -j"$jobs"
else
	echo "run-all: clang is not installed (scripts/setup.sh installs it): clang build skipped" >&2
fi
