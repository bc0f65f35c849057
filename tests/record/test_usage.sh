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

# usage_case NAME ERE ARGS...: strec ARGS is a usage error (exit 2, no
# trace file) whose first line matches ERE: the option is named as meant.
# (a strec that took these for a recording must not attach to the test)
sleep 60 &
target=$!
BG_PIDS+=("$target")
n=0
usage_case() {
	local name=$1 ere=$2
	shift 2
	n=$((n + 1))
	(cd "$WORK" && timeout 30 "$STREC" "$@") >"$WORK/u$n.out" 2>"$WORK/u$n.err" </dev/null
	local rc=$?
	expect_eq "$name: exit status" 2 "$rc"
	if ! head -n 1 "$WORK/u$n.err" | grep -Eq -- "$ere"; then
		fail "$name: first line is not /$ere/:"
		sed 's/^/    | /' "$WORK/u$n.err" >&2
	fi
	[ -e "$WORK/strec.trc" ] && fail "$name: a usage error created a trace file"
	rm -f "$WORK/strec.trc"
}
usage_case "-s 64 -tt names -t, not 64" "^strec: unknown option '-t': .*strep -t" -s 64 -tt true
usage_case "a cluster names its letter" "^strec: unknown option '-t'" -qt true
usage_case "-c points to strstat" "^strec: unknown option '-c': strstat" -c true
usage_case "-V points to --version" "^strec: unknown option '-V' \\(did you mean '--version'\\?\\)" -V
usage_case "-ff points to strep" "^strec: -ff: .*strep --ff" -ff true
usage_case "an ambiguous prefix lists the options" \
	"^strec: ambiguous option '--no' \\(--no-follow, --no-aslr, --no-seccomp\\)" --no true
usage_case "a near miss" "^strec: unknown option '--to-trace' \\(did you mean '--to_trace'\\?\\)" \
	--to-trace read true
usage_case "a value for a flag" "^strec: option '--quiet' takes no value" --quiet=1 true
usage_case "--env=VAR=VAL points to -E" "^strec: option '--env' takes no value: .*-E VAR=VAL" --env=X=1 true
usage_case "missing argument, short" "^strec: option '-s' needs an argument" -s
usage_case "missing argument, long" "^strec: option '--to_trace' needs an argument" --to_trace
usage_case "missing argument, abbreviated" "^strec: option '--duration' needs an argument" --dur
usage_case "bad -s value" "^strec: -s: 'x' is not a size in bytes" -s x true
usage_case "bad --string-limit value" "^strec: --string-limit: '9x' is not a size" --string-limit=9x true
usage_case "bad -p value" "^strec: -p: 'x' is not a process id" -p x
usage_case "-p 0" "^strec: -p: '0' is not a process id" -p 0
usage_case "bad --spin value" "^strec: --spin: '2000000' is not a time in microseconds" --spin 2000000 true
usage_case "bad --duration value" "^strec: --duration: '3x' is not a time" --duration 3x true
usage_case "--duration 0" "^strec: --duration: '0' is not a time" --duration 0 true
usage_case "bad --max-size value" "^strec: --max-size: '10Q' is not a size" --max-size 10Q true
usage_case "--max-size too small" "^strec: --max-size: '1K' is too small: at least 16K" --max-size 1K true
usage_case "-E without a name" "^strec: -E: '=x' names no variable" -E =x true
usage_case "-u of an unknown user" "^strec: -u: unknown user 'no_such_user_zz'" -u no_such_user_zz true
usage_case "-u with -p" "^strec: -u .*-p" -u nobody -p "$target"
usage_case "-E with -p" "^strec: -E .*-p" -E X=1 -p "$target"
usage_case "--no-aslr with -p" "^strec: --no-aslr .*-p" --no-aslr -p "$target"
usage_case "a bad syscall name names its option" "^strec: --to_trace: unknown syscall 'opnat'" --to_trace opnat true
usage_case "a bad -e trace= names -e" "^strec: -e: unknown syscall 'opnat'" -e trace=opnat true
usage_case "-e read= is strep's" "^strec: -e read=3: only trace= " -e read=3 true

# -f is strace's habit: accepted, children are followed anyway.
(cd "$WORK" && "$STREC" -q -f -o f.trc true) 2>"$WORK/f.err"
expect_eq "-f: exit status" 0 "$?"

"$STREC" --help >"$WORK/help.out" 2>"$WORK/help.err"
expect_eq "--help: exit status" 0 "$?"
expect_grep "--help: usage line" '^Usage: strec ' "$WORK/help.out"
for opt in -o -p -s --no-follow --to_trace --dont_trace '-e trace=' --no-seccomp --no-aslr --env -q -d \
	--help --version -E -u --user --duration --max-size -f; do
	grep -Fq -- " $opt" "$WORK/help.out" || fail "--help does not mention $opt"
done
"$STREC" -h >"$WORK/h.out" 2>&1
expect_eq "-h: exit status" 0 "$?"
cmp -s "$WORK/help.out" "$WORK/h.out" || fail "-h and --help differ"

"$STREC" --version >"$WORK/version.out" 2>"$WORK/version.err"
expect_eq "--version: exit status" 0 "$?"
expect_grep "--version: text" '^strec [0-9]+\.[0-9]+\.[0-9]+' "$WORK/version.out"

finish
