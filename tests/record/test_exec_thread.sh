#!/bin/bash
# tp_exec_thread: execve from a non-leader thread, which takes the leader's
# tid.
. "$(dirname "$0")/lib.sh"

same_as_native exec_thread -- "$BIN/tp_exec_thread"
expect_eq "output" "$(printf 'before exec\nexec-from-thread')" "$(cat "$WORK/exec_thread.out")"
facts exec_thread
F=$WORK/exec_thread.facts

leader=$(awk '$1 == "exec" { print $2; exit }' "$F")
thread=$(awk '$1 == "spawn" && $6 == "thread=1" { print $3; exit }' "$F")
expect_grep "a thread was spawned" "^spawn $leader [0-9]+ how=clone .* thread=1$" "$F"
expect_eq "exec records with a former tid that differs" 1 "$(awk '$1 == "exec" && $3 != "former=" $2' "$F" | wc -l)"
expect_grep "the thread's exec under the leader's tid" "^exec $leader former=$thread exe=(/usr)?/bin/echo$" "$F"
# The execve started in the thread and finished (= 0) under the leader's tid.
expect_grep "execve of /bin/echo by the thread" \
	"^mem $thread execve stop=entry arg=0 item=0 flags=string .* data=\"/bin/echo\"$" "$F"
expect_eq "execve results under the leader's tid" 2 "$(count "^syscall $leader execve ret=0 " "$F")"
expect_grep "the leader's nanosleep never returned" "^unfinished $leader clock_nanosleep$" "$F"
expect_grep "echo wrote" "^mem $leader write stop=entry arg=1 item=0 flags=- len=17 full_len=17 data=\"exec-from-thread\\\\n\"$" "$F"
expect_grep "exit 0" "^exit $leader exited=0$" "$F"

finish
