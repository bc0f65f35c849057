# shellcheck shell=bash
# strstat on bad input: usage errors exit 2 with a suggestion, a truncated
# trace gives the statistics of what was read and a warning.
# Usage: bad_input.sh STRSTAT STREC
set -u
STRSTAT=${1:?usage: $0 STRSTAT STREC}
STREC=${2:?}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strstat-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILED=0
fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}

# long enough for the recorder to flush several zstd frames (every 250 ms)
"$STREC" -o "$WORK/ls.trc" sh -c 'ls -la /etc; sleep 0.4; ls -la /etc; sleep 0.4; ls /' \
	>/dev/null 2>&1 || fail "strec failed"

"$STRSTAT" --to_trace opnat "$WORK/ls.trc" >"$WORK/out" 2>"$WORK/err"
[ $? -eq 2 ] || fail "unknown syscall: exit status not 2"
grep -q "did you mean 'openat'" "$WORK/err" || fail "unknown syscall: no suggestion: $(cat "$WORK/err")"
grep -q "^strstat: " "$WORK/err" || fail "message without the strstat: prefix"
[ -s "$WORK/out" ] && fail "unknown syscall: output printed"

"$STRSTAT" -e trace=stat,opnat "$WORK/ls.trc" >/dev/null 2>"$WORK/err"
[ $? -eq 2 ] || fail "-e trace=: exit status not 2"
"$STRSTAT" --latncy "$WORK/ls.trc" >/dev/null 2>"$WORK/err"
[ $? -eq 2 ] && grep -q "did you mean '--latency'" "$WORK/err" || fail "unknown option: $(cat "$WORK/err")"
"$STRSTAT" -S tmie "$WORK/ls.trc" >/dev/null 2>"$WORK/err"
[ $? -eq 2 ] && grep -q "did you mean 'time'" "$WORK/err" || fail "bad -S: $(cat "$WORK/err")"
"$STRSTAT" --files --sort redd "$WORK/ls.trc" >/dev/null 2>"$WORK/err"
[ $? -eq 2 ] || fail "bad --sort: exit status not 2"
"$STRSTAT" >/dev/null 2>&1
[ $? -eq 2 ] || fail "no file: exit status not 2"
"$STRSTAT" "$WORK/nonexistent.trc" >/dev/null 2>"$WORK/err"
[ $? -eq 1 ] || fail "missing file: exit status not 1"
"$STRSTAT" --help | grep -q -- "--latency" || fail "--help does not document --latency"
"$STRSTAT" --help | grep -q "strace -c -w" || fail "--help does not say the time is -w time"
"$STRSTAT" --version | grep -q "^strstat" || fail "--version"

# the whole trace, then cut at 60%: a table of fewer calls and a warning
full=$("$STRSTAT" "$WORK/ls.trc" | awk '$NF == "total" {print $4}')
size=$(stat -c %s "$WORK/ls.trc")
head -c $((size * 6 / 10)) "$WORK/ls.trc" >"$WORK/cut.trc"
"$STRSTAT" "$WORK/cut.trc" >"$WORK/out" 2>"$WORK/err"
rc=$?
cut=$(awk '$NF == "total" {print $4}' "$WORK/out")
[ "$rc" -le 1 ] || fail "truncated: exit status $rc"
grep -q "^strstat: .*\(warning\|truncat\|cut\)" "$WORK/err" || fail "truncated: no warning: $(cat "$WORK/err")"
[ -n "$cut" ] && [ "$cut" -gt 0 ] && [ "$cut" -lt "$full" ] ||
	fail "truncated: expected between 1 and $full calls, got '$cut'"
# from standard input too
"$STRSTAT" - <"$WORK/ls.trc" | grep -q " total$" || fail "stdin"

[ "$FAILED" -eq 0 ] && echo "all checks passed"
exit "$FAILED"
