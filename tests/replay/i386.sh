#!/bin/sh
# int 0x80 calls of a 64-bit process decode with the i386 table, and strep
# says when the process switches personality, as strace does.
# Usage: i386.sh BINDIR
set -u
bindir=$1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
"$bindir/mk_i386" "$dir/t.trc" || exit 1
"$bindir/strep" "$dir/t.trc" >"$dir/out" 2>"$dir/err" || { echo "FAIL: strep"; cat "$dir/err"; exit 1; }
fail=0
expect() { grep -qF -- "$2" "$3" || { echo "FAIL: $1: no '$2' in:"; cat "$3"; fail=1; }; }
expect "64-bit write" '100   write(1, "a\n", 2)' "$dir/out"
expect "i386 getpid by the i386 table" '100   getpid()' "$dir/out"
expect "i386 write by the i386 table" '100   write(1, "b\n", 2)' "$dir/out"
expect "switch to 32 bit" "strep: [ Process PID=100 runs in 32 bit mode. ]" "$dir/err"
expect "switch back to 64 bit" "strep: [ Process PID=100 runs in 64 bit mode. ]" "$dir/err"
[ "$(grep -c 'runs in' "$dir/err")" = 2 ] || { echo "FAIL: one notice per switch"; fail=1; }
"$bindir/strep" -q "$dir/t.trc" >/dev/null 2>"$dir/quiet"
[ ! -s "$dir/quiet" ] || { echo "FAIL: -q keeps the notices"; fail=1; }
[ $fail = 0 ] && echo "i386: ok"
exit $fail
