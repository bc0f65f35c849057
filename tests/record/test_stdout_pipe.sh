#!/bin/bash
# strec -o - CMD | READER, with a reader that stops at the end record (as
# trcfacts and any streaming decoder do): strec must still end with the
# command's status. Repeated because the failure depends on timing: 30
# times, 10 with the bpf engine, whose every start loads and verifies its
# program (seconds of CPU each on a loaded machine).
. "$(dirname "$0")/lib.sh"

runs=30
[ "$STREC_TEST_BACKEND" = bpf ] && runs=10
for i in $(seq "$runs"); do
	"$STREC" -q -o - "$BIN/tp_exitcode" 5 2>"$WORK/pipe$i.err" | "$FACTS" - >"$WORK/pipe$i.facts"
	st=("${PIPESTATUS[@]}")
	expect_eq "run $i: strec's exit status (stderr: $(tr '\n' ' ' <"$WORK/pipe$i.err"))" 5 "${st[0]}"
	expect_eq "run $i: trcfacts' exit status" 0 "${st[1]}"
	expect_grep "run $i: complete trace" '^end records=[0-9]+ lost=0$' "$WORK/pipe$i.facts"
	expect_grep "run $i: exit 5 recorded" '^exit [0-9]+ exited=5$' "$WORK/pipe$i.facts"
	[ "$FAILED" = 0 ] || break
done

finish
