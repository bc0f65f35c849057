#!/bin/bash
# tp_forktree: three forks, four exits with the expected codes, and the
# command's execve recorded first with its path captured.
. "$(dirname "$0")/lib.sh"

same_as_native forktree -- "$BIN/tp_forktree"
facts forktree
F=$WORK/forktree.facts

# glibc's fork() is clone(SIGCHLD|CLONE_CHILD_*TID): a process, not a thread.
expect_eq "spawn records" 3 "$(count '^spawn ' "$F")"
expect_eq "spawns that are processes" 3 \
	"$(count '^spawn [0-9]+ [0-9]+ how=(fork|clone) flags=0x[0-9a-f]+ thread=0$' "$F")"
expect_eq "exit codes" "0 11 12 13" \
	"$(awk '$1 == "exit" { sub("exited=", "", $3); print $3 }' "$F" | sort -n | tr '\n' ' ' | sed 's/ $//')"
expect_no_grep "nobody killed" '^exit [0-9]+ killed=' "$F"
# Every spawned child is a task that exits.
for child in $(awk '$1 == "spawn" { print $3 }' "$F"); do
	expect_grep "child $child exits" "^exit $child exited=" "$F"
done

# The first syscall is the command's execve, its path captured whole.
expect_eq "first syscall" "execve ret=0" \
	"$(awk '$1 == "syscall" { print $3, $4; exit }' "$F")"
# Then the descriptors the command starts with, then execve's path.
expect_grep "start snapshot" "^snapshot [0-9]+ ppid=[0-9]+ tids=1 fds=[0-9]+" "$F"
expect_eq "snapshot before anything else" "snapshot" "$(awk 'NR == 2 { print $1 }' "$F")"
expect_eq "then execve's path" \
	"mem execve stop=entry arg=0 item=0 flags=string data=\"$BIN/tp_forktree\"" \
	"$(awk 'NR == 3 { print $1, $3, $4, $5, $6, $7, $10 }' "$F")"
expect_grep "exec record" "^exec [0-9]+ former=[0-9]+ exe=.*/tp_forktree$" "$F"
expect_grep "header names the command" "^header command=$BIN/tp_forktree capture_size=4096 attached=0 " "$F"

# --no-follow: only the first process is traced; its clone calls are there,
# the children are not.
same_as_native nofollow --no-follow -- "$BIN/tp_forktree"
facts nofollow
F=$WORK/nofollow.facts
expect_grep "--no-follow: header" '^header .* follow=0 ' "$F"
expect_eq "--no-follow: spawn records" 0 "$(count '^spawn ' "$F")"
expect_eq "--no-follow: the parent's clone calls (child2 forks the grandchild)" 2 "$(count '^syscall [0-9]+ clone ret=[1-9]' "$F")"
expect_eq "--no-follow: tids seen" 1 "$(awk '$1 == "syscall" || $1 == "exit" { print $2 }' "$F" | sort -u | wc -l)"
expect_eq "--no-follow: exits" "exit $(awk '$1 == "exec" { print $2 }' "$F") exited=0" "$(grep '^exit ' "$F")"

# --no-follow and a child made with CLONE_PARENT: the tracer is its parent
# and reaps it, but it was never traced: no exit record for it (strace says
# nothing either). Followed, it is a traced task like any other.
same_as_native cloneparent --no-follow -- "$BIN/tp_forktree" --clone-parent
facts cloneparent
F=$WORK/cloneparent.facts
expect_eq "CLONE_PARENT, --no-follow: the one exit is the command's" \
	"exit $(awk '$1 == "exec" { print $2 }' "$F") exited=0" "$(grep '^exit ' "$F")"
same_as_native cloneparent_f -- "$BIN/tp_forktree" --clone-parent
facts cloneparent_f
expect_grep "CLONE_PARENT, followed: the child's exit" '^exit [0-9]+ exited=42' "$WORK/cloneparent_f.facts"
# strec is that child's parent: it reaps it (a program that waits for the
# child to be gone, as strace's clone_parent test does, would never end).
same_as_native cloneparent_reaped -- "$BIN/tp_forktree" --clone-parent reaped

# --no-follow and a child made with CLONE_PTRACE: the kernel attaches it to
# the tracer, which lets it go at once and records nothing of it.
same_as_native cloneptrace --no-follow -- "$BIN/tp_forktree" --clone-ptrace
facts cloneptrace
F=$WORK/cloneptrace.facts
expect_eq "CLONE_PTRACE, --no-follow: tids seen" 1 \
	"$(awk '$1 == "syscall" || $1 == "exit" || $1 == "signal" { print $2 }' "$F" | sort -u | wc -l)"
expect_grep "CLONE_PTRACE, --no-follow: the parent reaps its child" '^syscall [0-9]+ wait4 ret=[1-9]' "$F"

finish
