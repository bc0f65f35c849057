#!/bin/bash
# tp_killed: children killed by SIGKILL, SIGSEGV and SIGABRT; and "self":
# the command dies of SIGTERM, and strec dies of it too (status 143).
. "$(dirname "$0")/lib.sh"

same_as_native killed -- "$BIN/tp_killed"
facts killed
F=$WORK/killed.facts
expect_eq "killing signals, in order" "9 11 6" \
	"$(awk '$1 == "exit" && $3 ~ /^killed=/ { sub("killed=", "", $3); printf "%s%s", s, $3; s = " " }' "$F")"
expect_eq "no core dumps" 3 "$(count '^exit [0-9]+ killed=[0-9]+ core=0$' "$F")"
expect_grep "the parent exits 0" "^exit [0-9]+ exited=0$" "$F"
segv=$(awk '$1 == "exit" && $3 == "killed=11" { print $2 }' "$F")
abrt=$(awk '$1 == "exit" && $3 == "killed=6" { print $2 }' "$F")
expect_grep "SIGSEGV delivery (SEGV_MAPERR)" "^signal $segv 11 code=1$" "$F"
expect_grep "SIGABRT delivery (SI_TKILL)" "^signal $abrt 6 code=-6$" "$F"

same_as_native killed_self -- "$BIN/tp_killed" self
expect_eq "strec's status for a SIGTERMed command" 143 "$REC_RC"
facts killed_self
expect_grep "SIGTERM delivery" '^signal [0-9]+ 15 code=0$' "$WORK/killed_self.facts"
expect_grep "killed by SIGTERM" '^exit [0-9]+ killed=15 core=0$' "$WORK/killed_self.facts"

finish
