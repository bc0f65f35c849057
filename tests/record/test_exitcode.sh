#!/bin/bash
# strec exits with the command's exit code.
. "$(dirname "$0")/lib.sh"

same_as_native exitcode -- "$BIN/tp_exitcode" 7
expect_eq "strec's exit status" 7 "$REC_RC"
facts exitcode
expect_grep "exit 7 recorded" '^exit [0-9]+ exited=7$' "$WORK/exitcode.facts"
expect_grep "exit_group(7)" '^unfinished [0-9]+ exit_group$' "$WORK/exitcode.facts"
same_as_native exitcode0 -- "$BIN/tp_exitcode" 0
expect_eq "strec's exit status" 0 "$REC_RC"

finish
