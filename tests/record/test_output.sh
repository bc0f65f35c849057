#!/bin/bash
# The trace file: mode 0600, write errors, and -o - (the trace on stdout).
. "$(dirname "$0")/lib.sh"

# A new trace file is created 0600 whatever the umask.
(umask 000 && "$STREC" -q -o "$WORK/mode.trc" true)
expect_eq "trace file mode" 600 "$(stat -c %a "$WORK/mode.trc")"

# A full disk at the start: exit 1 with a message, the command not run.
"$STREC" -q -o /dev/full "$BIN/tp_exitcode" 0 >"$WORK/full.out" 2>"$WORK/full.err"
expect_eq "/dev/full: exit status" 1 "$?"
expect_grep "/dev/full: message" '^strec: .*(No space left on device|ENOSPC)' "$WORK/full.err"
expect_eq "/dev/full: the command did not run" "" "$(cat "$WORK/full.out")"

# A reader that goes away mid-run: strec stops recording and exits 1, the
# command goes on untraced to its end (its stdout is strec's stderr here).
"$STREC" -q -o - "$BIN/tp_loop" 300000 getppid 2>"$WORK/pipe.err" | head -c 1000 >/dev/null
expect_eq "closed pipe: exit status" 1 "${PIPESTATUS[0]}"
expect_grep "closed pipe: message" '^strec: cannot write the trace: .*Broken pipe' "$WORK/pipe.err"
for _ in $(seq 100); do
	grep -q '^done ' "$WORK/pipe.err" && break
	sleep 0.1
done
expect_grep "closed pipe: the command finished untraced" '^done 300000$' "$WORK/pipe.err"

# The same under a record-time filter: the command runs under strec's
# seccomp filter, whose SECCOMP_RET_TRACE fails calls with ENOSYS without a
# tracer: strec stays its tracer, recording nothing, until it ends, then
# exits 1. Every getppid succeeds.
"$STREC" -q -o - --to_trace getppid "$BIN/tp_loop" 30000 getppid 2>"$WORK/fpipe.err" |
	head -c 1000 >/dev/null
expect_eq "closed pipe, filter: exit status" 1 "${PIPESTATUS[0]}"
expect_grep "closed pipe, filter: message" '^strec: cannot write the trace: .*Broken pipe' "$WORK/fpipe.err"
expect_grep "closed pipe, filter: every call succeeded" '^done 30000$' "$WORK/fpipe.err"

# -o -: the trace on stdout, the command's stdout moved to stderr. (The
# pipe goes through cat: a reader that stops at the end record is
# test_stdout_pipe.sh.)
"$STREC" -q -o - "$BIN/tp_exitcode" 0 2>"$WORK/stdout.err" | cat >"$WORK/stdout.trc"
expect_eq "-o -: strec's exit status" 0 "${PIPESTATUS[0]}"
expect_eq "-o -: the command's output on stderr" "exiting with 0" "$(cat "$WORK/stdout.err")"
"$FACTS" - <"$WORK/stdout.trc" >"$WORK/stdout.facts"
expect_eq "-o -: trcfacts' exit status" 0 "$?"
expect_grep "-o -: complete trace" '^end records=[0-9]+ lost=0$' "$WORK/stdout.facts"
expect_no_grep "-o -: clean trace" '^(warning|error|incomplete)' "$WORK/stdout.facts"
expect_grep "-o -: the write went to fd 1 of the command" \
	'^mem [0-9]+ write stop=entry arg=1 item=0 flags=- len=15 full_len=15 data="exiting with 0\\n"$' "$WORK/stdout.facts"
expect_grep "-o -: exit 0" '^exit [0-9]+ exited=0$' "$WORK/stdout.facts"

# A typo in -o must not destroy a file that is not a trace.
printf 'int main;\n' >"$WORK/precious.c"
"$STREC" -q -o "$WORK/precious.c" true 2>"$WORK/refuse.err"
expect_eq "refusing to overwrite: exit status" 1 "$?"
expect_grep "refusing to overwrite: message" "refusing to overwrite .*not a strec trace" "$WORK/refuse.err"
expect_eq "the file is untouched" "int main;" "$(cat "$WORK/precious.c")"
"$STREC" -q --force -o "$WORK/precious.c" true
expect_eq "--force overwrites" 0 "$?"
"$STREC" -q -o "$WORK/precious.c" true
expect_eq "a trace is overwritten without --force" 0 "$?"

# The records are on the wall clock: date reads the time it prints between
# its execve and its write, so the two are shown around that time. A trace
# put late by however long strec took to start (the bpf engine's load: 0.2 s
# on an idle machine) shows the execve after it; how long date itself takes
# to start and to write (tracer stops on a loaded machine) does not matter.
record clock -- date +%s.%N
printed=$(cat "$WORK/clock.out")
"$BIN/strep" --json -e trace=execve,write "$WORK/clock.trc" >"$WORK/clock.json" 2>&1
exec_ts=$(sed -n 's/.*"ts":"\([0-9.]*\)","syscall":"execve".*/\1/p' "$WORK/clock.json" | head -n 1)
write_ts=$(sed -n 's/.*"ts":"\([0-9.]*\)","syscall":"write".*/\1/p' "$WORK/clock.json")
expect_eq "the wall clock: date's execve before the time it printed, its write after" ok \
	"$(awk -v p="$printed" -v e="$exec_ts" -v w="$write_ts" 'BEGIN {
		if (e == "" || w == "") print "no execve or write: " e " " w
		else if (e > p + 0.01) print "execve " e - p " s after the time printed"
		else if (w < p - 0.01) print "write " p - w " s before the time printed"
		else print "ok" }')"

finish
