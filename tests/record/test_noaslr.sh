#!/bin/bash
# --no-aslr: two recordings of the same program map memory at the same
# addresses; without it they differ (when the system randomizes).
. "$(dirname "$0")/lib.sh"

mmap_rets() {
	awk '$1 == "syscall" && $3 == "mmap" { print $4 }' "$WORK/$1.facts"
}
for run in a b; do
	same_as_native noaslr_$run --no-aslr -- "$BIN/tp_exitcode" 0
	facts noaslr_$run
done
expect_ge "mmap calls" 5 "$(mmap_rets noaslr_a | wc -l)"
expect_eq "mmap results with --no-aslr" "$(mmap_rets noaslr_a | tr '\n' ' ')" "$(mmap_rets noaslr_b | tr '\n' ' ')"

if [ "$(cat /proc/sys/kernel/randomize_va_space)" != 0 ]; then
	for run in a b; do
		record aslr_$run -- "$BIN/tp_exitcode" 0
		facts aslr_$run
	done
	[ "$(mmap_rets aslr_a)" = "$(mmap_rets aslr_b)" ] && fail "mmap results equal without --no-aslr: the check proves nothing"
fi

finish
