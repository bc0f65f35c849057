#!/bin/bash
# tp_stopcont: a child stopped by SIGSTOP and continued by SIGCONT.
. "$(dirname "$0")/lib.sh"

same_as_native stopcont -- "$BIN/tp_stopcont"
expect_eq "output" "$(printf 'stopped by signal 19\ncontinued\nexited 7')" "$(cat "$WORK/stopcont.out")"
facts stopcont
F=$WORK/stopcont.facts
child=$(awk '$1 == "spawn" { print $3; exit }' "$F")
parent=$(awk '$1 == "spawn" { print $2; exit }' "$F")

expect_grep "SIGSTOP delivered to the child" "^signal $child 19 " "$F"
expect_eq "group-stop of the child by SIGSTOP" 1 "$(count "^groupstop $child 19$" "$F")"
expect_eq "no other group-stops" 1 "$(count '^groupstop ' "$F")"
expect_grep "SIGCONT delivered to the child" "^signal $child 18 " "$F"
expect_eq "the stop comes before SIGCONT" "19 19 18" \
	"$(awk -v c="$child" '($1 == "signal" || $1 == "groupstop") && $2 == c { printf "%s%s", s, $3; s = " " }' "$F")"
expect_grep "the child exits 7" "^exit $child exited=7$" "$F"
expect_grep "the parent exits 0" "^exit $parent exited=0$" "$F"
# The parent's waits: CLD_STOPPED (5), CLD_CONTINUED (6), CLD_EXITED (1).
expect_eq "SIGCHLD codes in the parent" "5 6 1" \
	"$(awk -v p="$parent" '$1 == "signal" && $2 == p && $3 == 17 { sub("code=", "", $4); printf "%s%s", s, $4; s = " " }' "$F")"

finish
