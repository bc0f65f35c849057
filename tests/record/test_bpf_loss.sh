#!/bin/bash
# The bpf engine's loss accounting: a tiny ring buffer under a syscall storm
# while strec cannot read it (the command stops strec first) loses events.
# Nothing is lost silently: the trace says how many and where (loss records,
# the end record), strep and strstat warn, and strec exits 1. The command
# itself runs as natively. Run with STREC_TEST_BACKEND=bpf (skips, 77, where
# bpf cannot load).
. "$(dirname "$0")/lib.sh"

# sh's parent is strec: stopped, it reads nothing until the loop is over.
record storm --bpf-ring-size 65536 -- sh -c "kill -STOP \$PPID; $BIN/tp_loop 20000 getppid; kill -CONT \$PPID"
expect_eq "strec's exit status after a loss" 1 "$REC_RC"
expect_eq "the command's output" "done 20000" "$(cat "$WORK/storm.out")"
expect_grep "strec says how many were lost" '^strec: [0-9]+ events lost: the trace has gaps' "$WORK/storm.err"

"$FACTS" "$WORK/storm.trc" >"$WORK/storm.facts" 2>&1
F=$WORK/storm.facts
lost=$(awk '$1 == "end" { sub("lost=", "", $3); print $3 }' "$F")
expect_ge "events lost (end record)" 1000 "$lost"
expect_ge "loss records" 1 "$(count '^loss [0-9]+ count=[1-9][0-9]*$' "$F")"
expect_eq "loss records add up to the end record's count" "$lost" \
	"$(awk '$1 == "loss" { sub("count=", "", $3); n += $3 } END { print n + 0 }' "$F")"
# what fit in the ring before it was full is there, in order
loop=$(awk '$1 == "exec" && $4 ~ /tp_loop$/ { print $2 }' "$F")
expect_grep "tp_loop's execve, before the gap" "^syscall $loop execve ret=0 " "$F"

# the decoders decode what is there, and say what is not
"$BIN/strep" "$WORK/storm.trc" >"$WORK/storm.strep" 2>"$WORK/storm.strep.err"
expect_eq "strep's exit status" 0 "$?"
expect_grep "strep's warning" "^strep: warning: the recorder lost $lost events" "$WORK/storm.strep.err"
expect_eq "one warning" 1 "$(wc -l <"$WORK/storm.strep.err")"
"$BIN/strstat" "$WORK/storm.trc" >"$WORK/storm.strstat" 2>"$WORK/storm.strstat.err"
expect_eq "strstat's exit status" 0 "$?"
expect_grep "strstat's warning" "^strstat: warning: the recorder lost $lost events" "$WORK/storm.strstat.err"
"$BIN/strep" --info "$WORK/storm.trc" >"$WORK/storm.info" 2>&1
expect_grep "strep --info" "^lost: +$lost events \\([1-9][0-9]* gaps\\)$" "$WORK/storm.info"
expect_grep "strep --info: the engine" "^recorded with: +bpf$" "$WORK/storm.info"

# the same run with the default ring loses nothing
record calm -- "$BIN/tp_loop" 20000 getppid
expect_eq "no loss: strec's exit status" 0 "$REC_RC"
facts calm
expect_eq "no loss: every call" 20000 "$(count '^syscall [0-9]+ getppid ' "$WORK/calm.facts")"

finish
