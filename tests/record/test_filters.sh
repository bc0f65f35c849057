#!/bin/bash
# Record-time filters: only the chosen syscalls are recorded, plus the
# lifecycle ones; process events stay whatever the filter.
. "$(dirname "$0")/lib.sh"

# syscall_names NAME: the distinct names of recorded syscalls, sorted.
syscall_names() {
	awk '$1 == "syscall" || $1 == "unfinished" { print $3 }' "$WORK/$1.facts" | sort -u | tr '\n' ' ' | sed 's/ $//'
}
# lifecycle_ok NAME: the process events are all there.
lifecycle_ok() {
	expect_eq "$1: spawns" 3 "$(count '^spawn ' "$WORK/$1.facts")"
	expect_eq "$1: exits" 4 "$(count '^exit [0-9]+ exited=' "$WORK/$1.facts")"
	expect_ge "$1: SIGCHLD deliveries" 2 "$(count '^signal [0-9]+ 17 ' "$WORK/$1.facts")"
	expect_grep "$1: exec" '^exec ' "$WORK/$1.facts"
}

for v in seccomp no-seccomp; do
	opts=(--to_trace openat)
	[ $v = no-seccomp ] && opts=(--no-seccomp "${opts[@]}")
	same_as_native to_$v "${opts[@]}" -- "$BIN/tp_forktree"
	facts to_$v
	expect_grep "to_$v: filter in the header" '^header .* filter=--to_trace openat$' "$WORK/to_$v.facts"
	expect_eq "to_$v: recorded syscalls" "clone execve exit_group openat" "$(syscall_names to_$v)"
	expect_ge "to_$v: openat calls (ld.so.cache, libc)" 2 "$(count '^syscall [0-9]+ openat ret=[0-9]+ ' "$WORK/to_$v.facts")"
	expect_grep "to_$v: openat's path still captured" '^mem [0-9]+ openat stop=entry arg=1 item=0 flags=string .*data="/etc/ld.so.cache"$' "$WORK/to_$v.facts"
	expect_no_grep "to_$v: no other captures" '^mem [0-9]+ (write|read|wait4) ' "$WORK/to_$v.facts"
	lifecycle_ok to_$v
done

same_as_native process -e trace=%process -- "$BIN/tp_forktree"
facts process
expect_eq "%process: recorded syscalls" "clone execve exit_group wait4" "$(syscall_names process)"
lifecycle_ok process

same_as_native dont --dont_trace read,write -- "$BIN/tp_forktree"
facts dont
expect_no_grep "--dont_trace: no read or write" '^(syscall|unfinished) [0-9]+ (read|write) ' "$WORK/dont.facts"
expect_ge "--dont_trace: other syscalls stay" 30 "$(count '^syscall ' "$WORK/dont.facts")"
for name in mmap openat wait4 clone execve close; do
	expect_grep "--dont_trace: $name recorded" "^syscall [0-9]+ $name " "$WORK/dont.facts"
done
lifecycle_ok dont

# Usage errors.
"$STREC" -q -o "$WORK/typo.trc" --to_trace opnat -- true >"$WORK/typo.out" 2>"$WORK/typo.err"
expect_eq "unknown syscall name: exit status" 2 "$?"
expect_grep "unknown syscall name: suggestion" "did you mean 'openat'" "$WORK/typo.err"
"$STREC" -q -o "$WORK/both.trc" --to_trace openat --dont_trace read -- true >"$WORK/both.out" 2>"$WORK/both.err"
expect_eq "--to_trace with --dont_trace: exit status" 2 "$?"
expect_grep "--to_trace with --dont_trace: message" '^strec: .*--to_trace.*--dont_trace' "$WORK/both.err"
[ -e "$WORK/typo.trc" ] && fail "a usage error created a trace file"

finish
