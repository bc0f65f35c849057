#!/bin/bash
# --spin: the recorder polls for the next stop while stops come quickly,
# sleeps in waitpid otherwise, and never polls on a single CPU. Whichever
# way it waits, every call of every thread is recorded.
. "$(dirname "$0")/lib.sh"

# polled NAME: how many of the recorder's waits for a stop ended by polling
# (STREC_LOG=info).
polled() {
	sed -n 's/.*waits ended polling: \([0-9]*\), sleeping: [0-9]*$/\1/p' "$WORK/$1.err"
}

export STREC_LOG=info
for spin in 0 1000; do
	same_as_native "loop$spin" --spin "$spin" -- "$BIN/tp_loop" 20000 getppid
	facts "loop$spin"
	expect_eq "--spin $spin: getppid calls" 20000 \
		"$(count '^syscall [0-9]+ getppid ret=[1-9]' "$WORK/loop$spin.facts")"
done
expect_eq "--spin 0: waits ended polling" 0 "$(polled loop0)"
if [ "$(nproc)" -ge 2 ]; then
	# 40000 stops microseconds apart: polling for up to 1 ms finds some.
	expect_ge "--spin 1000: waits ended polling" 1 "$(polled loop1000)"
	# On one CPU polling would keep the program from running.
	taskset -c 0 "$STREC" -q --spin 1000 -o "$WORK/onecpu.trc" -- "$BIN/tp_loop" 2000 getppid \
		>/dev/null 2>"$WORK/onecpu.err"
	expect_eq "one CPU: exit status" 0 "$?"
	expect_eq "one CPU: waits ended polling" 0 "$(polled onecpu)"
	expect_ge "one CPU: waits ended sleeping" 4000 \
		"$(sed -n 's/.*waits ended polling: [0-9]*, sleeping: \([0-9]*\)$/\1/p' "$WORK/onecpu.err")"
fi

# Threads: the recorder polls only while the tracees are fewer than the
# CPUs (the main thread alone, here), then sleeps; each of the 8 workers'
# 100 getppid calls is there, each entry with its exit.
same_as_native threads --spin 1000 -- "$BIN/tp_threads"
facts threads
F=$WORK/threads.facts
expect_eq "workers with 100 getppid calls" 8 \
	"$(awk '$1 == "syscall" && $3 == "getppid" { n[$2]++ } END { for (t in n) if (n[t] == 100) c++; print c + 0 }' "$F")"
expect_eq "orphan exits" 0 "$(count '^orphan-exit ' "$F")"
expect_eq "task exits, all 0" 9 "$(count '^exit [0-9]+ exited=0$' "$F")"

"$STREC" --spin x true >"$WORK/bad.out" 2>"$WORK/bad.err"
expect_eq "--spin x: exit status" 2 "$?"
expect_grep "--spin x: message" '^strec: .*spin' "$WORK/bad.err"

finish
