#!/bin/bash
# A sleep cut short by a signal: its exit carries the kernel's restart code,
# and the remaining time the kernel wrote back is captured at the exit.
. "$(dirname "$0")/lib.sh"

same_as_native sleep -- "$BIN/tp_sleep_interrupted"
expect_eq "strec's exit status" 0 "$REC_RC"
facts sleep
expect_grep "nanosleep returns ERESTART_RESTARTBLOCK" '^syscall [0-9]+ nanosleep ret=-516' \
	"$WORK/sleep.facts"
expect_grep "remaining time captured at the exit" \
	'^mem [0-9]+ nanosleep stop=exit arg=1 item=0 flags=- len=16' "$WORK/sleep.facts"
expect_grep "SIGALRM delivered" '^signal [0-9]+ 14 ' "$WORK/sleep.facts"

finish
