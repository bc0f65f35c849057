#!/bin/bash
# A file is one file, whatever path named it: on Debian /lib is a symlink to
# usr/lib, so a program opens /lib/x86_64-linux-gnu/libc.so.6 and the kernel
# names its descriptor /usr/lib/x86_64-linux-gnu/libc.so.6. strstat --files
# shows one row with the opens, stats and bytes read, and strep -P and
# strstat -P select the same calls. Usage: one_file.sh BINDIR
set -u
BIN=${1:?usage: $0 BINDIR}
LIB=/lib/x86_64-linux-gnu/libc.so.6
REAL=$(readlink -f "$LIB")
if [ "$REAL" = "$LIB" ]; then
	echo "SKIP: $LIB is not reached through a symlink here"
	exit 77
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strec-onefile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILED=0
fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}

"$BIN/strec" -q -o "$WORK/t.trc" sh -c "cat $LIB >/dev/null; cat $LIB /no/such/file >/dev/null 2>&1; true" ||
	fail "strec"
"$BIN/strstat" --files "$WORK/t.trc" >"$WORK/files" || fail "strstat --files"
rows=$(grep -c 'libc\.so\.6$' "$WORK/files")
[ "$rows" = 1 ] || fail "strstat --files: $rows rows for libc.so.6: $(grep 'libc\.so\.6$' "$WORK/files")"
read -r opens failed _ bytes _ stats path < <(grep 'libc\.so\.6$' "$WORK/files")
[ "$path" = "$REAL" ] || fail "the row is named '$path', not the kernel's '$REAL'"
size=$(stat -Lc %s "$LIB")
# ld.so and cat open it in each of the two cats
[ "$opens" -ge 4 ] && [ "$failed" = 0 ] || fail "opens $opens, failed $failed"
[ "$bytes" -ge $((2 * size)) ] || fail "bytes read $bytes, less than twice its $size bytes"
[ "$stats" -ge 2 ] || fail "stat calls $stats"

# -P: strep and strstat select the same calls, the descriptor's included
"$BIN/strep" -qq -P "$LIB" "$WORK/t.trc" >"$WORK/p.txt" || fail "strep -P"
calls=$(grep -cE '^[0-9]+ +[a-z_0-9]+\(' "$WORK/p.txt")
fd=$(sed -nE 's/^[0-9]+ +openat\(AT_FDCWD, "[^"]*", O_RDONLY\|O_CLOEXEC\) = ([0-9]+)$/\1/p' "$WORK/p.txt" | head -n 1)
reads=$(grep -cE "^[0-9]+ +read\\(${fd:-none}," "$WORK/p.txt")
[ "$reads" -ge 4 ] || fail "strep -P: $reads reads of the descriptor"
"$BIN/strstat" --csv -P "$LIB" "$WORK/t.trc" >"$WORK/p.csv" || fail "strstat -P"
total=$(awk -F, '$1 == "syscalls" { n += $4 } END { print n + 0 }' "$WORK/p.csv")
[ "$total" = "$calls" ] || fail "strstat -P counts $total calls, strep -P prints $calls"

[ "$FAILED" = 0 ] && echo "all checks passed"
exit "$FAILED"
