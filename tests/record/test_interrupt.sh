#!/bin/bash
# Spawned mode: SIGINT/SIGTERM sent to strec alone do not stop the
# recording (the terminal sends them to the command too); strec records
# until the command is gone and passes its status on.
. "$(dirname "$0")/lib.sh"

"$STREC" -q -o "$WORK/int.trc" -- "$BIN/tp_spin" 20 >"$WORK/int.out" 2>"$WORK/int.err" &
strec=$!
BG_PIDS+=("$strec")
# (the bpf engine takes seconds to load on a loaded machine)
wait_until grep -q '^alive 2$' "$WORK/int.out" || fail "tp_spin did not start under strec"
kill -INT "$strec"
kill -TERM "$strec"
sleep 0.3
kill -0 "$strec" 2>/dev/null || fail "strec died of SIGINT/SIGTERM in spawned mode"
spin=$(awk '$1 == "pid" { print $2; exit }' "$WORK/int.out")
expect_ge "tp_spin's pid" 1 "$spin"
before=$(grep -c '^alive ' "$WORK/int.out")
wait_until alive_reaches "$WORK/int.out" $((before + 1))
expect_ge "tp_spin goes on" $((before + 1)) "$(grep -c '^alive ' "$WORK/int.out")"
kill -TERM "${spin:?tp_spin did not print its pid}"
wait "$strec"
expect_eq "strec's exit status: tp_spin's" 0 "$?"
expect_eq "tp_spin's last line" term "$(tail -n 1 "$WORK/int.out")"
facts int
F=$WORK/int.facts
expect_grep "SIGTERM delivered to tp_spin's main thread" "^signal $spin 15 code=0$" "$F"
expect_eq "task exits (5 threads)" 5 "$(count '^exit [0-9]+ exited=0$' "$F")"
expect_eq "thread spawns" 4 "$(count '^spawn .* thread=1$' "$F")"

finish
