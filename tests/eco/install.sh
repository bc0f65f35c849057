#!/usr/bin/env bash
# cmake --install into a temporary prefix: binaries, man pages, completion,
# libstrtrc with its headers and pkg-config file; a small reader built with
# pkg-config alone reads a real trace.
set -euo pipefail
build=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
fail=0
for f in bin/strec bin/strep bin/strstat bin/strscrub bin/strdiff include/strtrc.h \
	include/strtrc/syscall_table.h include/strtrc/names.h \
	share/man/man1/strec.1 share/man/man1/strep.1 share/man/man1/strstat.1 \
	share/man/man1/strscrub.1 share/man/man1/strdiff.1 share/man/man5/strec-format.5 \
	share/bash-completion/completions/strec share/bash-completion/completions/strep; do
	[ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
pc=$(find "$prefix" -name libstrtrc.pc)
[ -n "$pc" ] || { echo "FAIL: no libstrtrc.pc"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
for f in libstrtrc.a libstrec_common.a; do
	[ -e "$libdir/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
flags=$(pkg-config --cflags --libs libstrtrc)
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror -o "$work/reader" "$src/reader.c" $flags
"$prefix/bin/strec" -q -o "$work/ls.trc" ls / >/dev/null
out=$("$work/reader" "$work/ls.trc")
echo "$out"
[[ $out =~ ^strec\ .*:\ [1-9][0-9]*\ syscalls,\ [1-9][0-9]*\ openat,\ complete=1$ ]] ||
	{ echo "FAIL: reader said '$out'"; fail=1; }
[ "$(pkg-config --modversion libstrtrc)" = "$("$prefix/bin/strec" --version | awk '{print $2}')" ] ||
	{ echo "FAIL: pkg-config version differs from strec --version"; fail=1; }
exit $fail
