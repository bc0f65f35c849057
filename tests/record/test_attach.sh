#!/bin/bash
# -p: attach to a running multi-threaded process, detach on SIGINT, and the
# process goes on undisturbed.
. "$(dirname "$0")/lib.sh"

# Waits until strec (engines may take a while to load) has created its
# trace, which it does just before attaching, then lets it record a while.
recording_for() {
	wait_until test -s "$1" || fail "strec made no trace $1"
	sleep "$2"
}

# tp_spin gives up by itself after 20 s, should this test break.
"$BIN/tp_spin" 20 >"$WORK/spin.out" 2>&1 &
spin=$!
BG_PIDS+=("$spin")
wait_until grep -q '^alive 2$' "$WORK/spin.out" || fail "tp_spin did not start"
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
wait_until alive_reaches "$WORK/spin.out" $((before + 2))
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
wait_until grep -q '^alive 2$' "$WORK/stopped.out" || fail "tp_spin did not start"
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
wait_until alive_reaches "$WORK/stopped.out" $((before + 2))
expect_ge "stopped: runs again after SIGCONT" $((before + 2)) "$(grep -c '^alive ' "$WORK/stopped.out")"
kill -TERM "$spin"
wait "$spin"
expect_eq "stopped: exit status on SIGTERM" 0 "$?"
facts stopped
expect_grep "stopped: snapshot" "^snapshot $spin ppid=$$ tids=5 " "$WORK/stopped.facts"
expect_eq "stopped: detach records" 5 "$(count '^detach ' "$WORK/stopped.facts")"

# A call in progress at the attach (cat blocked in read): recorded from its
# entry, as a tracer sees it enter again, to its exit with what it read.
mkfifo "$WORK/fifo"
cat <"$WORK/fifo" >"$WORK/reader.out" &
reader=$!
BG_PIDS+=("$reader")
exec 8>"$WORK/fifo" # opened: cat now blocks in read(0, ...)
wait_until grep -q '^0 ' "/proc/$reader/syscall"
STREC_LOG=info "$STREC" -q -o "$WORK/inprogress.trc" -p "$reader" 2>"$WORK/inprogress.err" &
strec=$!
BG_PIDS+=("$strec")
wait_until grep -q "^strec: info .* $reader: attached" "$WORK/inprogress.err"
echo hello >&8
wait_until test -s "$WORK/reader.out"
sleep 0.2
kill -INT "$strec"
wait "$strec"
expect_eq "in a call: strec's exit status" 0 "$?"
exec 8>&-
wait "$reader"
facts inprogress
expect_eq "in a call: the first call, the read it was in" "read ret=6" \
	"$(awk -v t="$reader" '$1 == "syscall" && $2 == t { print $3, $4; exit }' "$WORK/inprogress.facts")"
expect_grep "in a call: what it read" "^mem $reader read stop=exit arg=1 item=0 .*data=\"hello\\\\n\"$" \
	"$WORK/inprogress.facts"

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
	wait_until grep -q "^TracerPid:[[:space:]]*$holder$" "/proc/$held/status" || fail "not traced by $holder"
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
wait_until grep -q "^TracerPid:[[:space:]]*$holder$" "/proc/$held/status" || fail "not traced by $holder"
"$STREC" -o "$WORK/denied.trc" -p "$held" >/dev/null 2>"$WORK/denied.err"
expect_eq "attach denied: exit status" 1 "$?"
expect_grep "attach denied: the cause, the other tracer" \
	"^strec: cannot attach to $held \\(tp_spin\\): it is already traced by $holder \\(strec\\)" \
	"$WORK/denied.err"
[ -e "$WORK/denied.trc" ] && fail "a denied attach left a trace file"
kill -INT "$holder"
wait "$holder"
kill -TERM "$held"
wait "$held"
expect_eq "the held process ends normally" 0 "$?"

# attach_error NAME ERE [PREFIX...] -p PID: strec -o NAME.trc -p PID (run by
# PREFIX, e.g. setpriv) fails: exit 1, a message matching ERE, no trace.
# Under a PREFIX, strec is the binary itself (lib.sh: what nobody runs).
attach_error() {
	local name=$1 ere=$2
	shift 2
	local prefix=()
	while [ "$1" != -p ]; do
		prefix+=("$1")
		shift
	done
	local strec=$STREC
	[ ${#prefix[@]} = 0 ] || strec=$STREC_BIN
	timeout 30 "${prefix[@]}" "$strec" -o "$WORK/$name.trc" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null
	expect_eq "$name: exit status" 1 "$?"
	expect_grep "$name: message" "$ere" "$WORK/$name.err"
	[ -e "$WORK/$name.trc" ] && fail "$name: left a trace file"
}

# A zombie: sh's background child, whose parent (sh exec'd into sleep)
# never waits for it.
sh -c 'sleep 0.2 & echo $!; exec sleep 60' >"$WORK/zombie.pid" &
BG_PIDS+=($!)
for _ in $(seq 100); do
	zombie=$(cat "$WORK/zombie.pid")
	[ -n "$zombie" ] && grep -q '^State:[[:space:]]*Z' "/proc/$zombie/status" 2>/dev/null && break
	sleep 0.1
done
attach_error zombie "^strec: cannot attach to $zombie \\(sleep\\): it is a zombie: it has exited, and its parent [0-9]+ \\(sleep\\) has not waited for it" \
	-p "$zombie"

# A thread, not a process: -p takes the process.
"$BIN/tp_spin" 60 >"$WORK/threads.out" &
threads=$!
BG_PIDS+=("$threads")
for _ in $(seq 100); do
	[ "$(ls "/proc/$threads/task" 2>/dev/null | wc -l)" -ge 5 ] && break
	sleep 0.1
done
thread=
for task in "/proc/$threads/task"/*; do
	[ "${task##*/}" != "$threads" ] && { thread=${task##*/}; break; }
done
attach_error thread "^strec: cannot attach to $thread: it is a thread of process $threads \\(tp_spin\\); -p $threads traces all its threads" \
	-p "$thread"

# A kernel thread (refused before any ptrace call).
kthread=""
for stat in /proc/[0-9]*/stat; do
	[ "$stat" = /proc/1/stat ] && continue # init is no kernel thread
	flags=$(sed 's/.*) //' "$stat" 2>/dev/null | awk '{ print $7 }')
	if [ -n "$flags" ] && (((flags & 0x00200000) != 0)); then
		kthread=${stat#/proc/}
		kthread=${kthread%/stat}
		break
	fi
done
if [ -n "$kthread" ]; then
	attach_error kthread "^strec: cannot attach to $kthread( \\(.*\\))?: it is a kernel thread, which makes no system calls" \
		-p "$kthread"
else
	echo "SKIP: no kernel thread visible"
fi

# Another user's process, without CAP_SYS_PTRACE: the uids are the cause
# (yama's ptrace_scope is named only when it is there and is the cause).
if command -v setpriv >/dev/null; then
	chmod 777 "$WORK"
	attach_error otheruid "^strec: cannot attach to $threads \\(tp_spin\\): it runs as uid 0 \\(root\\) and strec as uid [0-9]+ \\(nobody\\): tracing another user's process needs root \\(CAP_SYS_PTRACE\\)" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups -p "$threads"
	if [ ! -e /proc/sys/kernel/yama/ptrace_scope ]; then
		expect_no_grep "otheruid: no yama where there is none" yama "$WORK/otheruid.err"
	fi
else
	echo "SKIP: another user's process (no setpriv)"
fi
kill -TERM "$threads"
wait "$threads"

# Pid 1 of a pid namespace of our own (never the machine's init: the inner
# shell checks that its /proc is the namespace's, where it is pid 1). As
# root, attaching works and --duration detaches; as another user, the uids
# are the cause.
if unshare --pid --fork --mount-proc true 2>/dev/null; then
	unshare --pid --fork --mount-proc sh -c '
		[ "$$" = 1 ] && [ "$(cat /proc/1/comm)" = sh ] || exit 99
		"$1" -q --duration 1 -o "$2/init.trc" -p 1 2>"$2/init.err"
		echo "strec: $?" >"$2/init.rc"
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$3" -o /dev/null -p 1 2>"$2/init-nobody.err"
		echo "strec: $?" >"$2/init-nobody.rc"' sh "$STREC" "$WORK" "$STREC_BIN"
	if [ $? = 99 ]; then
		fail "pid 1: the namespace's /proc is not its own"
	else
		expect_eq "pid 1 as root: strec's exit status" "strec: 0" "$(cat "$WORK/init.rc")"
		facts init
		expect_grep "pid 1 as root: the snapshot" '^snapshot 1 ppid=0 ' "$WORK/init.facts"
		expect_grep "pid 1 as root: detached" '^detach 1$' "$WORK/init.facts"
		expect_eq "pid 1 as nobody: strec's exit status" "strec: 1" "$(cat "$WORK/init-nobody.rc")"
		expect_grep "pid 1 as nobody: the cause" \
			"^strec: cannot attach to 1 \\(sh\\): it runs as uid 0 \\(root\\) and strec as uid [0-9]+ \\(nobody\\)" \
			"$WORK/init-nobody.err"
	fi
else
	echo "SKIP: pid 1 (no pid namespace can be made here)"
fi

finish
