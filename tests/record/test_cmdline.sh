#!/bin/bash
# The command line: a space-separated syscall list never swallows the
# command (a name after the list's first item joins it only when words that
# make a command follow), and strec's options written after the command
# (strec ls --to_trace lstat read -- -alh) go to the command, as strace's
# would, with a hint when the command fails.
. "$(dirname "$0")/lib.sh"

# run NAME STREC_ARGS...: strec -q -o NAME.trc STREC_ARGS as a user types
# it (no "--" added), into NAME.out, NAME.err, $REC_RC.
run() {
	local name=$1
	shift
	"$STREC" -q -o "$WORK/$name.trc" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null
	REC_RC=$?
}
# filter_of NAME: the filter text of the trace's header.
filter_of() {
	sed -n 's/^header .* filter=//p' "$WORK/$1.facts"
}
# exe_of NAME: the program the command exec'd.
exe_of() {
	sed -n 's/^exec [0-9]* former=[0-9]* exe=//p' "$WORK/$1.facts" | head -n 1
}

# "uname" is a syscall, and "-a" is not strec's: uname is the command.
run uname --to_trace read uname -a
expect_eq "--to_trace read uname -a: exit status" 0 "$REC_RC"
expect_eq "--to_trace read uname -a: output" "$(uname -a)" "$(cat "$WORK/uname.out")"
facts uname
expect_eq "--to_trace read uname -a: the filter" "--to_trace read" "$(filter_of uname)"
expect_eq "--to_trace read uname -a: the command" "$(command -v uname)" "$(exe_of uname)"

run uname2 --to_trace read,write uname -a
expect_eq "--to_trace read,write uname -a: exit status" 0 "$REC_RC"
facts uname2
expect_eq "--to_trace read,write uname -a: the filter" "--to_trace read,write" "$(filter_of uname2)"

# "sync" is a syscall and the last word: the command.
run sync --to_trace read sync
expect_eq "--to_trace read sync: exit status" 0 "$REC_RC"
expect_no_grep "--to_trace read sync: no error" . "$WORK/sync.err"
facts sync
expect_eq "--to_trace read sync: the filter" "--to_trace read" "$(filter_of sync)"
expect_eq "--to_trace read sync: the command" "$(command -v sync)" "$(exe_of sync)"

# Names followed by a command extend the list: "stat" is a syscall and a
# command, and "-c" after it is not strec's, so stat is the command.
native stat stat -c %n /
run stat --to_trace read write stat -c %n /
expect_eq "--to_trace read write stat -c: exit status" "$NATIVE_RC" "$REC_RC"
expect_eq "--to_trace read write stat -c: output" "/" "$(cat "$WORK/stat.out")"
facts stat
expect_eq "--to_trace read write stat -c: the filter" "--to_trace read --to_trace write" "$(filter_of stat)"
expect_eq "--to_trace read write stat -c: the command" "$(command -v stat)" "$(exe_of stat)"

# A directory is no command: "stat /" keeps stat the command.
run statdir --dont_trace read stat /
expect_eq "--dont_trace read stat /: exit status" 0 "$REC_RC"
facts statdir
expect_eq "--dont_trace read stat /: the filter" "--dont_trace read" "$(filter_of statdir)"
expect_eq "--dont_trace read stat /: the command" "$(command -v stat)" "$(exe_of statdir)"

# Names before a command all join the list, with or without "--".
run three --to_trace read write close uname -a
expect_eq "three names: exit status" 0 "$REC_RC"
facts three
expect_eq "three names: the filter" "--to_trace read --to_trace write --to_trace close" \
	"$(filter_of three)"
run dashes --to_trace read write -- uname -a
expect_eq "names ended by --: exit status" 0 "$REC_RC"
facts dashes
expect_eq "names ended by --: the filter" "--to_trace read --to_trace write" "$(filter_of dashes)"
# --to_trace=LIST is one word: what follows is not the list.
"$STREC" -q -o "$WORK/eq.trc" --to_trace=read uname -a >"$WORK/eq.out" 2>"$WORK/eq.err"
expect_eq "--to_trace=read uname -a: exit status" 0 "$?"
expect_eq "--to_trace=read uname -a: output" "$(uname -a)" "$(cat "$WORK/eq.out")"

# The same rule in strep and strstat, whose operand is the trace: a trace
# named "sync" is the trace, not a syscall of the list.
cp "$WORK/uname.trc" "$WORK/sync"
for tool in strep strstat; do
	(cd "$WORK" && "$BIN/$tool" --to_trace read sync) >"$WORK/$tool-sync.out" 2>"$WORK/$tool-sync.err"
	expect_eq "$tool --to_trace read sync: exit status" 0 "$?"
	expect_grep "$tool --to_trace read sync: read the trace" 'read' "$WORK/$tool-sync.out"
	# and a name before the trace still joins the list
	(cd "$WORK" && "$BIN/$tool" --to_trace read execve sync) >"$WORK/$tool-two.out" 2>"$WORK/$tool-two.err"
	expect_eq "$tool --to_trace read execve sync: exit status" 0 "$?"
	expect_grep "$tool --to_trace read execve sync: execve too" 'execve' "$WORK/$tool-two.out"
done

# The seed's form: the options are ls's, as strace would give them; ls
# fails, and strec shows the right order.
(cd "$WORK" && "$STREC" -q -o seed.trc ls --to_trace lstat read -- -alh) >"$WORK/seed.out" 2>"$WORK/seed.err"
expect_eq "options after the command: ls's exit status" 2 "$?"
expect_grep "options after the command: ls's complaint" "^ls: .*--to_trace" "$WORK/seed.err"
expect_grep "options after the command: the hint" \
	"^strec: ls took '--to_trace lstat read' as options of its own: strec's options go before" \
	"$WORK/seed.err"
expect_grep "options after the command: the right order" \
	"^  strec (--backend=ptrace )?-q -o seed.trc --to_trace lstat read -- ls -alh$" "$WORK/seed.err"
# A command that takes them without failing gets no hint.
"$STREC" -q -o "$WORK/echo.trc" echo --to_trace read -- x >"$WORK/echo.out" 2>"$WORK/echo.err"
expect_eq "options after a command that succeeds: exit status" 0 "$?"
expect_eq "options after a command that succeeds: its output" "--to_trace read -- x" "$(cat "$WORK/echo.out")"
expect_no_grep "options after a command that succeeds: no hint" "took" "$WORK/echo.err"

finish
