#!/bin/bash
# tp_vfork: a vfork child execs /bin/true, another exits 3.
. "$(dirname "$0")/lib.sh"

same_as_native vfork -- "$BIN/tp_vfork"
facts vfork
F=$WORK/vfork.facts

expect_eq "vfork spawns" 2 "$(count '^spawn [0-9]+ [0-9]+ how=vfork ' "$F")"
exec_child=$(awk '$1 == "spawn" { print $3; exit }' "$F")
exit_child=$(awk '$1 == "spawn" { n++; if (n == 2) { print $3; exit } }' "$F")
expect_grep "the first child's execve path" \
	"^mem $exec_child execve stop=entry arg=0 item=0 flags=string len=9 full_len=9 data=\"/bin/true\"$" "$F"
expect_grep "the first child's execve succeeded" "^syscall $exec_child execve ret=0 " "$F"
expect_grep "the first child's exec record" "^exec $exec_child former=$exec_child exe=(/usr)?/bin/true$" "$F"
expect_grep "the first child exits 0" "^exit $exec_child exited=0$" "$F"
expect_grep "the second child exits 3" "^exit $exit_child exited=3$" "$F"
expect_no_grep "the second child does not exec" "^exec $exit_child " "$F"
# The parent's vfork calls return the children's pids.
expect_eq "vfork results" "$exec_child $exit_child" \
	"$(awk '$1 == "syscall" && $3 == "vfork" { sub("ret=", "", $4); printf "%s%s", s, $4; s = " " }' "$F")"

finish
