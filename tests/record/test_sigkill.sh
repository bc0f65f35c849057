#!/bin/bash
# strec killed by SIGKILL mid-run: under ptrace the tracee dies with it
# (PTRACE_O_EXITKILL), under bpf it goes on as if never traced; and what
# was flushed can still be read, with a warning that the trace was cut.
. "$(dirname "$0")/lib.sh"

"$STREC" -q -o "$WORK/cut.trc" -- "$BIN/tp_loop" 100000000 getppid >"$WORK/cut.out" 2>"$WORK/cut.err" &
strec=$!
BG_PIDS+=("$strec")
# until the trace holds thousands of calls (flushed every 250 ms): loading
# the bpf engine alone can take over a second on a busy machine
for _ in $(seq 600); do
	[ "$(stat -c %s "$WORK/cut.trc" 2>/dev/null || echo 0)" -gt 32768 ] && break
	sleep 0.1
done
kill -9 "$strec"
wait "$strec" 2>/dev/null
expect_eq "strec's status" 137 "$?"

ALLOW_INCOMPLETE=1 facts cut
F=$WORK/cut.facts
expect_grep "a warning that the trace was cut" '^warning .*cut' "$F"
expect_grep "no end record" '^incomplete$' "$F"
expect_no_grep "no end record" '^end ' "$F"
expect_ge "getppid calls recorded before the kill" 2000 "$(count '^syscall [0-9]+ getppid ret=[1-9]' "$F")"

loop=$(awk '$1 == "exec" { print $2; exit }' "$F")
expect_ge "the tracee's pid" 1 "$loop"
if [ "${STREC_TEST_BACKEND:-ptrace}" = bpf ]; then
	# nothing ties it to strec: it runs on, untraced
	state=$(awk '$1 == "State:" { print $2 }' "/proc/${loop:-0}/status" 2>/dev/null)
	case $state in
	R | S) ;;
	*) fail "tp_loop ($loop) stopped running with strec (state '$state')" ;;
	esac
	expect_eq "not traced" 0 "$(awk '$1 == "TracerPid:" { print $2 }' "/proc/${loop:-0}/status")"
	kill -9 "$loop" 2>/dev/null
	finish
fi
# The tracee is gone too (or a zombie waiting for its new parent).
gone=0
for _ in $(seq 30); do
	state=$(awk '$1 == "State:" { print $2 }' "/proc/${loop:-0}/status" 2>/dev/null)
	if [ -z "$state" ] || [ "$state" = Z ]; then
		gone=1
		break
	fi
	sleep 0.1
done
if [ $gone != 1 ]; then
	fail "tp_loop ($loop) still runs after strec's death (state $state)"
	kill -9 "$loop" 2>/dev/null
fi
expect_eq "the command's output" "" "$(cat "$WORK/cut.out")"

finish
