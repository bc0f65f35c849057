#!/bin/bash
# No tool destroys a trace or its input: -o, --svg, --html, --ff and strscrub's and
# strec's outputs refuse the input (whatever its name), refuse to replace a
# trace with text (or anything but a trace with a trace) unless --force, and
# create what they write with mode 0600, since it holds the trace's data.
# Usage: outputs.sh BINDIR
set -u
BIN=${1:?usage: $0 BINDIR}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strec-outputs.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILED=0
fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}
# expect_rc WHAT WANT CMD...: runs CMD (stderr in $WORK/err), checks its status.
expect_rc() {
	local what=$1 want=$2
	shift 2
	"$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	local rc=$?
	[ "$rc" = "$want" ] || fail "$what: exit status $rc, want $want ($(head -c 300 "$WORK/err"))"
}
expect_err() {
	grep -Eq -- "$2" "$WORK/err" || fail "$1: no message /$2/ in: $(head -c 300 "$WORK/err")"
}
unchanged() {
	cmp -s "$2" "$WORK/orig.trc" || fail "$1: the trace was changed"
}
mode_of() {
	stat -c %a "$1"
}

"$BIN/strec" -q -o "$WORK/orig.trc" ls / >/dev/null || fail "strec ls"
cp "$WORK/orig.trc" "$WORK/in.trc"
ln "$WORK/in.trc" "$WORK/hardlink.trc"
ln -s in.trc "$WORK/symlink.trc"

# The input, by its own name, a hard link and a symbolic link.
for out in in.trc hardlink.trc symlink.trc; do
	for cmd in "strep -o" "strep --format=perfetto -o" "strstat -o" "strstat --svg" \
		"strstat --html" "strstat --force -o" "strstat --force --html" "strep --force -o"; do
		read -r tool opts <<<"$cmd"
		# shellcheck disable=SC2086
		expect_rc "$cmd $out (the input)" 2 "$BIN/$tool" $opts "$WORK/$out" "$WORK/in.trc"
		expect_err "$cmd $out" "is the input"
		unchanged "$cmd $out" "$WORK/in.trc"
	done
	expect_rc "strscrub -o $out (the input)" 2 "$BIN/strscrub" "$WORK/in.trc" -o "$WORK/$out"
	expect_err "strscrub -o $out" "is the input"
	unchanged "strscrub -o $out" "$WORK/in.trc"
done
"$BIN/strep" -o "$WORK/in.trc" - <"$WORK/in.trc" >/dev/null 2>"$WORK/err"
[ $? = 2 ] || fail "strep - -o the file on standard input: not refused"
unchanged "strep - -o stdin's file" "$WORK/in.trc"

# Another trace: text never replaces it unless --force.
cp "$WORK/orig.trc" "$WORK/other.trc"
for cmd in "strep -o" "strep --format=perfetto -o" "strstat -o" "strstat --svg" "strstat --html"; do
	read -r tool opts <<<"$cmd"
	# shellcheck disable=SC2086
	expect_rc "$cmd another trace" 1 "$BIN/$tool" $opts "$WORK/other.trc" "$WORK/in.trc"
	expect_err "$cmd another trace" "refusing to overwrite .*other.trc.*: it is a strec trace \(use --force\)"
	cmp -s "$WORK/other.trc" "$WORK/orig.trc" || fail "$cmd: another trace was overwritten"
done
mkdir "$WORK/ff"
cp "$WORK/orig.trc" "$WORK/ff/trace.$("$BIN/strep" "$WORK/in.trc" | head -n 1 | cut -d' ' -f1)"
expect_rc "strep --ff over a trace" 1 "$BIN/strep" --ff "$WORK/ff" "$WORK/in.trc"
expect_err "strep --ff over a trace" "it is a strec trace"
cmp -s "$WORK"/ff/trace.* "$WORK/orig.trc" || fail "strep --ff replaced a trace"
expect_rc "strep --force -o another trace" 0 "$BIN/strep" --force -o "$WORK/other.trc" "$WORK/in.trc"
grep -q '^[0-9]* *execve("' "$WORK/other.trc" || fail "strep --force -o: no text written"
cp "$WORK/orig.trc" "$WORK/other.trc"
expect_rc "strstat --force --svg another trace" 0 "$BIN/strstat" --force --svg "$WORK/other.trc" "$WORK/in.trc"
grep -q '<svg' "$WORK/other.trc" || fail "strstat --force --svg: no SVG written"
cp "$WORK/orig.trc" "$WORK/other.trc"
expect_rc "strstat --force --html another trace" 0 "$BIN/strstat" --force --html "$WORK/other.trc" "$WORK/in.trc"
grep -q '<!DOCTYPE html>' "$WORK/other.trc" || fail "strstat --force --html: no page written"
expect_rc "strstat --svg - --html -" 2 "$BIN/strstat" --svg - --html - "$WORK/in.trc"
expect_err "strstat --svg - --html -" "cannot both write to standard output"

# Traces replace only traces (and empty files) unless --force.
echo "precious notes" >"$WORK/notes.txt"
expect_rc "strscrub over a text file" 1 "$BIN/strscrub" "$WORK/in.trc" -o "$WORK/notes.txt"
expect_err "strscrub over a text file" "it is not a strec trace \(use --force\)"
expect_rc "strec over a text file" 1 "$BIN/strec" -q -o "$WORK/notes.txt" true
expect_err "strec over a text file" "it is not a strec trace \(use --force\)"
grep -qx "precious notes" "$WORK/notes.txt" || fail "a text file was overwritten"
cp "$WORK/orig.trc" "$WORK/old.trc"
expect_rc "strscrub over another trace" 0 "$BIN/strscrub" "$WORK/in.trc" -o "$WORK/old.trc"
expect_rc "strscrub --force over a text file" 0 "$BIN/strscrub" --force "$WORK/in.trc" -o "$WORK/notes.txt"
"$BIN/strep" "$WORK/notes.txt" >/dev/null 2>&1 || fail "strscrub --force: not a trace"

# Modes: new files 0600, an existing file narrowed to its owner's bits;
# a device is written as it is.
expect_rc "strep -o new" 0 "$BIN/strep" -o "$WORK/new.txt" "$WORK/in.trc"
[ "$(mode_of "$WORK/new.txt")" = 600 ] || fail "strep -o: new file mode $(mode_of "$WORK/new.txt")"
expect_rc "strstat -o new, --svg new, --html new" 0 "$BIN/strstat" -o "$WORK/new.stat" \
	--svg "$WORK/new.svg" --html "$WORK/new.html" "$WORK/in.trc"
[ "$(mode_of "$WORK/new.stat")" = 600 ] || fail "strstat -o: mode $(mode_of "$WORK/new.stat")"
[ "$(mode_of "$WORK/new.svg")" = 600 ] || fail "strstat --svg: mode $(mode_of "$WORK/new.svg")"
[ "$(mode_of "$WORK/new.html")" = 600 ] || fail "strstat --html: mode $(mode_of "$WORK/new.html")"
echo old >"$WORK/wide.txt"
chmod 644 "$WORK/wide.txt"
expect_rc "strep -o existing 0644" 0 "$BIN/strep" -o "$WORK/wide.txt" "$WORK/in.trc"
[ "$(mode_of "$WORK/wide.txt")" = 600 ] || fail "strep -o existing: mode $(mode_of "$WORK/wide.txt")"
expect_rc "strep --ff new" 0 "$BIN/strep" --ff "$WORK/ff2" "$WORK/in.trc"
for f in "$WORK"/ff2/trace.*; do
	[ "$(mode_of "$f")" = 600 ] || fail "strep --ff: $f mode $(mode_of "$f")"
done
expect_rc "strep -o /dev/null" 0 "$BIN/strep" -o /dev/null "$WORK/in.trc"
[ -c /dev/null ] || fail "/dev/null is no longer a device"

# As another user, an existing file of root's: the cause is named.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	echo secret >"$WORK/roots.trc"
	chmod 600 "$WORK/roots.trc"
	chmod 755 "$WORK"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN/strec" -q -o "$WORK/roots.trc" true \
		>/dev/null 2>"$WORK/err"
	[ $? = 1 ] || fail "strec -o another user's file: exit status not 1"
	expect_err "strec -o another user's file" "cannot write .*roots.trc.*: Permission denied"
	grep -q "not a strec trace" "$WORK/err" && fail "strec blames the file's contents: $(cat "$WORK/err")"
	chmod 700 "$WORK"
fi

# A compressed trace is no use on a terminal.
if command -v script >/dev/null; then
	script -qec "$BIN/strec -q -o - true" /dev/null >"$WORK/tty.out" 2>&1
	grep -q "standard output is a terminal" "$WORK/tty.out" ||
		fail "strec -o - on a terminal: $(head -c 200 "$WORK/tty.out")"
fi

[ "$FAILED" = 0 ] && echo "all checks passed"
exit "$FAILED"
