#!/bin/bash
# Command line: usage errors, --help, --version.
. "$(dirname "$0")/lib.sh"

"$STREC" >"$WORK/none.out" 2>"$WORK/none.err"
expect_eq "no command: exit status" 2 "$?"
expect_grep "no command: message" '^strec: .*command' "$WORK/none.err"

"$STREC" --bogus-option true >"$WORK/bogus.out" 2>"$WORK/bogus.err"
expect_eq "unknown option: exit status" 2 "$?"
expect_grep "unknown option: message" "bogus-option" "$WORK/bogus.err"

"$STREC" -s x true >"$WORK/s.out" 2>"$WORK/s.err"
expect_eq "bad -s: exit status" 2 "$?"

"$STREC" --help >"$WORK/help.out" 2>"$WORK/help.err"
expect_eq "--help: exit status" 0 "$?"
expect_grep "--help: usage line" '^Usage: strec ' "$WORK/help.out"
for opt in -o -p -s --no-follow --to_trace --dont_trace '-e trace=' --no-seccomp --no-aslr --env -q -d \
	--help --version; do
	grep -Fq -- " $opt" "$WORK/help.out" || fail "--help does not mention $opt"
done
"$STREC" -h >"$WORK/h.out" 2>&1
expect_eq "-h: exit status" 0 "$?"
cmp -s "$WORK/help.out" "$WORK/h.out" || fail "-h and --help differ"

"$STREC" --version >"$WORK/version.out" 2>"$WORK/version.err"
expect_eq "--version: exit status" 0 "$?"
expect_grep "--version: text" '^strec [0-9]+\.[0-9]+\.[0-9]+' "$WORK/version.out"

finish
