#!/bin/bash
# -p: attach to a running multi-threaded process, detach on SIGINT, and the
# process goes on undisturbed.
. "$(dirname "$0")/lib.sh"

# Waits until strec (engines may take a while to load) has created its
# trace, which it does just before attaching, then lets it record a while.
recording_for() {
	for _ in $(seq 100); do
		[ -s "$1" ] && break
		sleep 0.1
	done
	sleep "$2"
}

# tp_spin gives up by itself after 20 s, should this test break.
"$BIN/tp_spin" 20 >"$WORK/spin.out" 2>&1 &
spin=$!
BG_PIDS+=("$spin")
for _ in $(seq 50); do
	grep -q '^alive 2$' "$WORK/spin.out" && break
	sleep 0.1
done
expect_eq "tp_spin's first line" "pid $spin" "$(head -n 1 "$WORK/spin.out")"

"$STREC" -o "$WORK/attach.trc" -p "$spin" >"$WORK/attach.out" 2>"$WORK/attach.err" &
strec=$!
BG_PIDS+=("$strec")
recording_for "$WORK/attach.trc" 0.5
kill -INT "$strec"
wait "$strec"
expect_eq "strec's exit status after SIGINT" 0 "$?"
expect_grep "strec's summary" '^strec: .*attach.trc: ' "$WORK/attach.err"
expect_eq "tp_spin is no longer traced" 0 "$(awk '$1 == "TracerPid:" { print $2 }' /proc/$spin/status)"

# It keeps running: more "alive" lines, numbered one after the other.
before=$(grep -c '^alive ' "$WORK/spin.out")
sleep 0.4
after=$(grep -c '^alive ' "$WORK/spin.out")
expect_ge "alive lines after the detach (had $before)" $((before + 2)) "$after"
kill -TERM "$spin"
wait "$spin"
expect_eq "tp_spin's exit status on SIGTERM" 0 "$?"
expect_eq "tp_spin's last line" term "$(tail -n 1 "$WORK/spin.out")"
expect_eq "alive numbers without gaps" "" \
	"$(awk '$1 == "alive" && $2 != ++n { print "line", NR, "is", $0 " (expected " n ")"; exit }' "$WORK/spin.out")"

facts attach
F=$WORK/attach.facts
expect_grep "header: attached" "^header command= capture_size=4096 attached=1 follow=1 npids=1 " "$F"
expect_grep "snapshot with 5 threads" "^snapshot $spin ppid=$$ tids=5 fds=[0-9]+$" "$F"
expect_eq "detach records" 5 "$(count '^detach ' "$F")"
expect_eq "distinct detached tids" 5 "$(awk '$1 == "detach" { print $2 }' "$F" | sort -u | wc -l)"
expect_grep "the leader detached" "^detach $spin$" "$F"
expect_ge "tids with syscalls" 4 "$(awk '$1 == "syscall" { print $2 }' "$F" | sort -u | wc -l)"
expect_ge "workers' getpid calls" 20 "$(count "^syscall [0-9]+ getpid ret=$spin " "$F")"
expect_no_grep "no task exits while attached" '^exit ' "$F"

# A stopped process: attaching and detaching leaves it stopped, and SIGCONT
# still wakes it.
"$BIN/tp_spin" 20 >"$WORK/stopped.out" 2>&1 &
spin=$!
BG_PIDS+=("$spin")
for _ in $(seq 50); do
	grep -q '^alive 2$' "$WORK/stopped.out" && break
	sleep 0.1
done
kill -STOP "$spin"
sleep 0.1
"$STREC" -q -o "$WORK/stopped.trc" -p "$spin" >/dev/null 2>"$WORK/stopped.err" &
strec=$!
BG_PIDS+=("$strec")
recording_for "$WORK/stopped.trc" 0.4
kill -INT "$strec"
wait "$strec"
expect_eq "stopped: strec's exit status" 0 "$?"
expect_eq "stopped: still stopped after the detach" T \
	"$(awk '$1 == "State:" { print $2 }' /proc/$spin/status)"
before=$(grep -c '^alive ' "$WORK/stopped.out")
sleep 0.3
expect_eq "stopped: no output while stopped" "$before" "$(grep -c '^alive ' "$WORK/stopped.out")"
kill -CONT "$spin"
sleep 0.4
expect_ge "stopped: runs again after SIGCONT" $((before + 2)) "$(grep -c '^alive ' "$WORK/stopped.out")"
kill -TERM "$spin"
wait "$spin"
expect_eq "stopped: exit status on SIGTERM" 0 "$?"
facts stopped
expect_grep "stopped: snapshot" "^snapshot $spin ppid=$$ tids=5 " "$WORK/stopped.facts"
expect_eq "stopped: detach records" 5 "$(count '^detach ' "$WORK/stopped.facts")"

# A pid that does not exist: exit 1 with a message, no trace left behind.
ghost=$spin # reaped above, so gone (pids are not reused this fast)
"$STREC" -o "$WORK/ghost.trc" -p "$ghost" >"$WORK/ghost.out" 2>"$WORK/ghost.err"
expect_eq "attach to a missing pid: exit status" 1 "$?"
expect_grep "attach to a missing pid: message" "^strec: .*$ghost" "$WORK/ghost.err"
[ -e "$WORK/ghost.trc" ] && fail "attach to a missing pid left a trace file"

if [ "${STREC_TEST_BACKEND:-ptrace}" = bpf ]; then
	# bpf does not ptrace: a process under a debugger (here: under strace)
	# is attached, recorded and detached, and the debugger goes on
	"$BIN/tp_spin" 20 >"$WORK/held.out" &
	held=$!
	BG_PIDS+=("$held")
	strace -f -qq -o "$WORK/held.strace" -p "$held" &
	holder=$!
	BG_PIDS+=("$holder")
	for _ in $(seq 50); do
		grep -q "^TracerPid:[[:space:]]*$holder$" "/proc/$held/status" 2>/dev/null && break
		sleep 0.1
	done
	"$STREC" -q -o "$WORK/shared.trc" -p "$held" >/dev/null 2>"$WORK/shared.err" &
	strec=$!
	BG_PIDS+=("$strec")
	recording_for "$WORK/shared.trc" 0.5
	kill -INT "$strec"
	wait "$strec"
	expect_eq "attached beside strace: strec's exit status" 0 "$?"
	expect_eq "still strace's" "$holder" "$(awk '$1 == "TracerPid:" { print $2 }' /proc/$held/status)"
	facts shared
	expect_ge "attached beside strace: getpid calls" 10 \
		"$(count "^syscall [0-9]+ getpid ret=$held " "$WORK/shared.facts")"
	expect_eq "attached beside strace: detach records" 5 "$(count '^detach ' "$WORK/shared.facts")"
	kill -INT "$holder"
	wait "$holder"
	kill -TERM "$held"
	wait "$held"
	expect_eq "the process under both ends normally" 0 "$?"
	expect_grep "strace saw the same calls" "getpid\\(\\) += $held" "$WORK/held.strace"
	finish
fi

# Permission denied: a process another tracer already holds cannot be
# seized (EPERM): exit 1, a message saying why, and no partial trace.
"$BIN/tp_spin" >"$WORK/held.out" &
held=$!
"$STREC" -q -o "$WORK/holder.trc" -p "$held" 2>/dev/null &
holder=$!
for _ in $(seq 50); do
	grep -q "^TracerPid:[[:space:]]*$holder$" "/proc/$held/status" 2>/dev/null && break
	sleep 0.1
done
"$STREC" -o "$WORK/denied.trc" -p "$held" >/dev/null 2>"$WORK/denied.err"
expect_eq "attach denied: exit status" 1 "$?"
expect_grep "attach denied: message" "^strec: cannot attach to [0-9]+: Operation not permitted" \
	"$WORK/denied.err"
[ -e "$WORK/denied.trc" ] && fail "a denied attach left a trace file"
kill -INT "$holder"
wait "$holder"
kill -TERM "$held"
wait "$held"
expect_eq "the held process ends normally" 0 "$?"

finish
