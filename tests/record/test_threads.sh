#!/bin/bash
# tp_threads N: N threads making getppid/write concurrently, all alive at
# once. Every thread's calls are recorded and every entry pairs with its
# exit. 200 threads make the recorder's task table grow several times while
# tasks stop (under ASan, a stale task pointer aborts the recording).
. "$(dirname "$0")/lib.sh"

check_threads() {
	local n=$1 name=threads$1
	same_as_native "$name" -- "$BIN/tp_threads" "$n"
	facts "$name"
	local F=$WORK/$name.facts

	expect_eq "$name: thread spawns (clone with CLONE_THREAD)" "$n" \
		"$(count '^spawn [0-9]+ [0-9]+ how=clone flags=0x[0-9a-f]+ thread=1$' "$F")"
	expect_eq "$name: other spawns" 0 "$(count '^spawn .* thread=0$' "$F")"
	# 100 rounds of getppid + 1-byte write per thread.
	expect_eq "$name: getppid calls" $((n * 100)) "$(count '^syscall [0-9]+ getppid ret=[1-9]' "$F")"
	expect_eq "$name: 1-byte writes" $((n * 100)) \
		"$(count '^syscall [0-9]+ write ret=1 args=0x[0-9a-f]+,0x[0-9a-f]+,0x1,' "$F")"
	local tids
	tids=$(awk '$1 == "syscall" && $3 == "getppid" { print $2 }' "$F" | sort -u | wc -l)
	expect_eq "$name: tids making getppid" "$n" "$tids"
	# Each worker made its own 100 getppid calls.
	expect_eq "$name: workers with 100 getppid calls" "$n" \
		"$(awk '$1 == "syscall" && $3 == "getppid" { c[$2]++ } END { for (t in c) if (c[t] == 100) k++; print k + 0 }' "$F")"
	# The only calls without an exit are the ones that never return.
	expect_eq "$name: unfinished calls other than exit/exit_group" 0 \
		"$(grep '^unfinished ' "$F" | grep -Evc '^unfinished [0-9]+ (exit|exit_group)$')"
	expect_eq "$name: unfinished exit/exit_group (one per task)" $((n + 1)) "$(count '^unfinished ' "$F")"
	expect_eq "$name: orphan exits" 0 "$(count '^orphan-exit ' "$F")"
	expect_eq "$name: task exits, all 0" $((n + 1)) "$(count '^exit [0-9]+ exited=0$' "$F")"
}

check_threads 8
check_threads 200

finish
