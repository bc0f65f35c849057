#!/bin/bash
# --duration and --max-size end a recording cleanly: the trace is complete
# (detach records, an end record), attached processes go on, a spawned
# command goes on untraced (also under the seccomp filter of a record-time
# filter, which without a tracer would fail its calls with ENOSYS) while
# strec waits for it and exits with its status. Bounds are generous: the
# machine may be loaded.
. "$(dirname "$0")/lib.sh"

# wait_for ERE FILE [SECONDS]: until a line of FILE matches (default 20 s).
wait_for() {
	local i
	for ((i = 0; i < ${3:-20} * 10; i++)); do
		grep -Eq -- "$1" "$2" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# size_of FILE
size_of() {
	stat -c %s "$1"
}

# --duration on a spawned command, without and with a record-time filter:
# the command waits for a file after the stop, so it runs untraced then.
for v in plain filter; do
	opts=(--duration 1)
	[ $v = filter ] && opts+=(--to_trace %file)
	go=$WORK/go-$v
	"$STREC" -o "$WORK/dur-$v.trc" "${opts[@]}" sh -c \
		"while [ ! -e '$go' ]; do sleep 0.1; done; cat '$go'; exit 3" \
		>"$WORK/dur-$v.out" 2>"$WORK/dur-$v.err" </dev/null &
	pid=$!
	BG_PIDS+=("$pid")
	wait_for '^strec: --duration 1: stopped recording' "$WORK/dur-$v.err" ||
		fail "dur-$v: no notice of the stop within 20 s"
	expect_grep "dur-$v: the notice says the command goes on" \
		'^strec: --duration 1: stopped recording \(trace complete, [0-9.]+ (B|KiB)\); the command goes on untraced, and strec waits for it$' \
		"$WORK/dur-$v.err"
	kill -0 "$pid" 2>/dev/null || fail "dur-$v: strec did not wait for the command"
	facts dur-$v
	expect_ge "dur-$v: the tasks are marked detached" 1 "$(count '^detach ' "$WORK/dur-$v.facts")"
	main=$(sed -n 's/^snapshot \([0-9]*\) .*/\1/p' "$WORK/dur-$v.facts" | head -n 1)
	expect_grep "dur-$v: the command is marked detached" "^detach $main\$" "$WORK/dur-$v.facts"
	expect_no_grep "dur-$v: the command's exit is not recorded" "^exit $main " "$WORK/dur-$v.facts"
	echo finished >"$go"
	wait "$pid"
	expect_eq "dur-$v: strec exits with the command's status" 3 "$?"
	expect_eq "dur-$v: the command ran on untraced" finished "$(cat "$WORK/dur-$v.out")"
done

# --duration on attached processes: detached after about a second, they go
# on; strec exits 0.
"$BIN/tp_spin" 120 >"$WORK/spin.out" &
spin=$!
BG_PIDS+=("$spin")
wait_for '^pid ' "$WORK/spin.out" || fail "tp_spin did not start"
"$STREC" -o "$WORK/att.trc" --duration 1 -p "$spin" >"$WORK/att.out" 2>"$WORK/att.err" &
strec_pid=$!
BG_PIDS+=("$strec_pid")
for _ in $(seq 200); do
	kill -0 "$strec_pid" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$strec_pid" 2>/dev/null && fail "attach --duration 1: strec still runs after 20 s"
wait "$strec_pid"
expect_eq "attach --duration: exit status" 0 "$?"
expect_grep "attach --duration: the notice" \
	'^strec: --duration 1: stopped recording \(trace complete, .*\); detached, the processes go on$' "$WORK/att.err"
facts att
expect_eq "attach --duration: every thread detached" 5 "$(count '^detach ' "$WORK/att.facts")"
alive=$(grep -c '^alive ' "$WORK/spin.out")
wait_for "^alive $((alive + 2))\$" "$WORK/spin.out" || fail "attach --duration: tp_spin stopped"
kill -TERM "$spin"
wait "$spin"
expect_eq "attach --duration: the process ends normally" 0 "$?"

# --max-size: the trace stays under the limit and is complete; the
# command's calls all succeed, also the ones after the stop. Under the
# filter every getppid still stops the command after the stop: fewer (not
# with the bpf engine, whose 20000 calls may all fit in the limit).
limit=$((64 * 1024))
for v in plain filter; do
	opts=(--max-size 64K)
	n=300000
	[ $v = filter ] && opts+=(--to_trace getppid)
	[ $v = filter ] && [ "${STREC_TEST_BACKEND:-ptrace}" = ptrace ] && n=20000
	record max-$v "${opts[@]}" -- "$BIN/tp_loop" $n getppid
	# record passes -q: the notice is not printed
	expect_eq "max-$v: exit status" 0 "$REC_RC"
	expect_eq "max-$v: every call succeeded" "done $n" "$(cat "$WORK/max-$v.out")"
	size=$(size_of "$WORK/max-$v.trc")
	[ "$size" -le $limit ] || fail "max-$v: the trace ($size bytes) exceeds --max-size ($limit)"
	[ "$size" -ge $((limit / 2)) ] || fail "max-$v: the trace ($size bytes) stopped far below $limit"
	facts max-$v
	expect_eq "max-$v: the task is marked detached" 1 "$(count '^detach ' "$WORK/max-$v.facts")"
	calls=$(count '^syscall [0-9]+ getppid ' "$WORK/max-$v.facts")
	expect_ge "max-$v: getppid calls recorded" 100 "$calls"
	[ "$calls" -lt $n ] || fail "max-$v: all $n calls recorded: it did not stop"
done
"$STREC" -o "$WORK/notice.trc" --max-size 16K "$BIN/tp_loop" 20000 getppid >"$WORK/notice.out" 2>"$WORK/notice.err"
expect_eq "--max-size notice: exit status" 0 "$?"
expect_grep "--max-size notice" \
	'^strec: --max-size 16.0 KiB: stopped recording \(trace complete, [0-9.]+ KiB\); the command goes on untraced, and strec waits for it$' \
	"$WORK/notice.err"
[ "$(size_of "$WORK/notice.trc")" -le 16384 ] || fail "--max-size 16K: the trace exceeds 16 KiB"

# --max-size on attached processes: detached, they go on.
"$BIN/tp_spin" 120 >"$WORK/spin2.out" &
spin=$!
BG_PIDS+=("$spin")
wait_for '^pid ' "$WORK/spin2.out" || fail "tp_spin did not start"
timeout 60 "$STREC" -q -o "$WORK/attmax.trc" --max-size 64K -p "$spin" 2>"$WORK/attmax.err"
expect_eq "attach --max-size: exit status" 0 "$?"
[ "$(size_of "$WORK/attmax.trc")" -le $limit ] || fail "attach --max-size: the trace exceeds 64 KiB"
facts attmax
expect_eq "attach --max-size: every thread detached" 5 "$(count '^detach ' "$WORK/attmax.facts")"
alive=$(grep -c '^alive ' "$WORK/spin2.out")
wait_for "^alive $((alive + 2))\$" "$WORK/spin2.out" || fail "attach --max-size: tp_spin stopped"
kill -TERM "$spin"
wait "$spin"
expect_eq "attach --max-size: the process ends normally" 0 "$?"

finish
