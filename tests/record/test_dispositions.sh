#!/bin/bash
# The command starts with the signal dispositions strec was started with,
# not strec's own: nohup's ignored SIGHUP, a background job's ignored
# SIGINT/SIGQUIT, a parent's ignored SIGPIPE or SIGCHLD stay ignored; and signals strec
# found at their default are at their default in the command too.
. "$(dirname "$0")/lib.sh"

sigign() { awk '$1 == "SigIgn:" { print $2 }' "$1"; }
# strec itself with the test's engine: lib.sh's wrapper is a shell, which
# would not pass an ignored SIGCHLD on.
engine=--backend=${STREC_TEST_BACKEND:-ptrace}

# Without strec, as the reference, then under strec, in both settings.
for setting in ignored default; do
	if [ $setting = ignored ]; then
		trap_cmd="trap '' HUP INT QUIT PIPE TERM ALRM CHLD"
	else
		trap_cmd="trap - HUP INT QUIT PIPE TERM ALRM CHLD"
	fi
	bash -c "$trap_cmd; exec cat /proc/self/status" >"$WORK/native.$setting" ||
		fail "cat /proc/self/status ($setting)"
	bash -c "$trap_cmd; exec \"\$0\" \"\$1\" -q -o \"$WORK/d.trc\" -- cat /proc/self/status" "$STREC_BIN" "$engine" \
		>"$WORK/strec.$setting" || fail "strec cat /proc/self/status ($setting)"
	want=$(sigign "$WORK/native.$setting")
	[ -n "$want" ] || fail "no SigIgn line without strec ($setting)"
	expect_eq "ignored signals of the command, $setting at the start" "$want" \
		"$(sigign "$WORK/strec.$setting")"
done
# strec itself does not ignore SIGCHLD, whatever it was started with: the
# kernel would reap the command before strec could have its exit status.
bash -c "trap '' CHLD; exec \"\$0\" \"\$1\" -q -o \"$WORK/chld.trc\" -- sh -c 'exit 7'" "$STREC_BIN" "$engine"
expect_eq "SIGCHLD ignored at the start: the command's exit status" 7 "$?"
# The two settings must differ, or the test would show nothing.
[ "$(sigign "$WORK/native.ignored")" != "$(sigign "$WORK/native.default")" ] ||
	fail "the ignored setting ignored nothing"

finish
