#!/bin/bash
# strec's summary and --progress line speak alike: sizes in one style
# (B, KiB, MiB with one decimal: the same function), "1 process" not
# "1 processes".
. "$(dirname "$0")/lib.sh"

# A command that lasts over a few flush periods (250 ms), so that
# --progress draws its line; one process (sh execs sleep).
"$STREC" --progress -o "$WORK/p.trc" sh -c 'exec sleep 1.2' >"$WORK/p.out" 2>"$WORK/p.err"
expect_eq "--progress: exit status" 0 "$?"
tr '\r' '\n' <"$WORK/p.err" | sed 's/\x1b\[K//g' | grep -v '^$' >"$WORK/p.lines"
expect_grep "--progress: a status line" '^strec: [0-9]+ events, [0-9]+ syscalls, 1 process, ' "$WORK/p.lines"
expect_no_grep "--progress: no '1 processes'" '1 processes' "$WORK/p.lines"
expect_grep "the summary" '^strec: .*p\.trc: [0-9.]+ [KM]?i?B, [0-9]+ syscalls, 1 process, 0 threads, 0 signals, [0-9.]+ s$' \
	"$WORK/p.lines"
# The same sizes print the same: the trace is a few KiB, in the last
# status line as in the summary.
progress_unit=$(grep ' events, ' "$WORK/p.lines" | tail -n 1 | sed 's/.* [0-9.]* \([KMG]*i*B\)$/\1/')
summary_unit=$(grep 'p\.trc: ' "$WORK/p.lines" | sed 's/.*p\.trc: [0-9.]* \([KMG]*i*B\), .*/\1/')
expect_eq "--progress and the summary: one unit for a small trace" KiB "$progress_unit"
expect_eq "the summary: KiB for a small trace" KiB "$summary_unit"

# The trace on a pipe: the summary gives what went down it, not 0.
"$STREC" -o - true 2>"$WORK/pipe.err" | cat >"$WORK/pipe.trc"
size=$(stat -c %s "$WORK/pipe.trc")
shown=$(sed -n 's/^strec: <stdout>: \([0-9.]*\) KiB, .*/\1/p' "$WORK/pipe.err")
awk -v shown="${shown:-0}" -v size="$size" 'BEGIN { d = shown - size / 1024; exit !(d < 0.15 && d > -0.15) }' ||
	fail "the summary of -o -: '${shown:-nothing}' KiB for a $size-byte trace"

finish
