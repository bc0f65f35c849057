#!/bin/bash
# tp_threads: 8 threads making getppid/write concurrently. Every thread's
# calls are recorded and every entry pairs with its exit.
. "$(dirname "$0")/lib.sh"

same_as_native threads -- "$BIN/tp_threads"
facts threads
F=$WORK/threads.facts

expect_eq "thread spawns (clone with CLONE_THREAD)" 8 \
	"$(count '^spawn [0-9]+ [0-9]+ how=clone flags=0x[0-9a-f]+ thread=1$' "$F")"
expect_eq "other spawns" 0 "$(count '^spawn .* thread=0$' "$F")"
# 100 rounds of getppid + 1-byte write per thread.
expect_ge "getppid calls" 800 "$(count '^syscall [0-9]+ getppid ret=[1-9]' "$F")"
expect_ge "1-byte writes" 800 "$(count '^syscall [0-9]+ write ret=1 args=0x[0-9a-f]+,0x[0-9a-f]+,0x1,' "$F")"
expect_ge "getppid+write calls" 1600 "$(count '^syscall [0-9]+ (getppid|write) ' "$F")"
tids=$(awk '$1 == "syscall" && ($3 == "getppid" || $3 == "write") { print $2 }' "$F" | sort -u | wc -l)
expect_eq "tids making getppid/write (8 workers + main's write)" 9 "$tids"
# Each worker made its own 100 getppid calls.
expect_eq "workers with 100 getppid calls" 8 \
	"$(awk '$1 == "syscall" && $3 == "getppid" { n[$2]++ } END { for (t in n) if (n[t] == 100) c++; print c + 0 }' "$F")"
# The only calls without an exit are the ones that never return.
expect_eq "unfinished calls other than exit/exit_group" 0 \
	"$(grep '^unfinished ' "$F" | grep -Evc '^unfinished [0-9]+ (exit|exit_group)$')"
expect_eq "unfinished exit/exit_group (one per task)" 9 "$(count '^unfinished ' "$F")"
expect_eq "orphan exits" 0 "$(count '^orphan-exit ' "$F")"
expect_eq "task exits, all 0" 9 "$(count '^exit [0-9]+ exited=0$' "$F")"

finish
