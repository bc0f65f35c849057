# shellcheck shell=bash
# Shared helpers of the recorder's end-to-end tests; sourced by each
# test_*.sh, which is run as: test_X.sh STREC TRCFACTS BINDIR
set -u

STREC=${1:?usage: $0 STREC TRCFACTS BINDIR}
# shellcheck disable=SC2034 # for the tests: the binary itself, when STREC becomes a wrapper below
STREC_BIN=$STREC
FACTS=${2:?}
# shellcheck disable=SC2034 # for the tests that source this file
BIN=${3:?}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strec-rtest.XXXXXX")
# Processes a test starts in the background, killed on the way out.
BG_PIDS=()
cleanup() {
	local p
	for p in "${BG_PIDS[@]}"; do
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$WORK"
}
trap cleanup EXIT

# Whether user nobody can run the programs under test: not from a clone
# inside a directory only its owner may enter (mktemp -d makes them 0700).
nobody_can_run() {
	local f
	for f in "$@"; do
		setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$f" 2>/dev/null || return 1
	done
}

# STREC_TEST_BACKEND (ptrace unless set, whatever strec's default): the
# test's every strec records with that engine (a wrapper passes --backend
# first, a --backend of the test's own comes later and wins); exit 77
# (skip) where it cannot record. What runs as user nobody runs $STREC_BIN:
# the wrapper's shell cannot reach strec out of a clone in a private
# directory, and as nobody the default (auto) is ptrace anyway.
STREC_TEST_BACKEND=${STREC_TEST_BACKEND:-ptrace}
if [ -n "$STREC_TEST_BACKEND" ]; then
	printf '#!/bin/sh\nexec "%s" --backend=%s "$@"\n' "$STREC" "$STREC_TEST_BACKEND" >"$WORK/strec"
	chmod +x "$WORK/strec"
	STREC=$WORK/strec
	if ! "$STREC" -q -o "$WORK/probe.trc" true 2>"$WORK/probe.err"; then
		echo "SKIP: the $STREC_TEST_BACKEND engine cannot record here: $(cat "$WORK/probe.err")"
		exit 77
	fi
fi

FAILED=0
fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}
# Ends the script with the verdict.
finish() {
	if [ "$FAILED" -ne 0 ]; then
		echo "some checks failed (work dir contents listed below)" >&2
		ls -l "$WORK" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" != "$3" ]; then
		fail "$1: expected '$2', got '$3'"
	fi
}
# expect_ge WHAT MIN ACTUAL
expect_ge() {
	if ! [ "$3" -ge "$2" ] 2>/dev/null; then
		fail "$1: expected at least $2, got '$3'"
	fi
}
# expect_grep WHAT ERE FILE: some line of FILE matches ERE.
expect_grep() {
	if ! grep -Eq -- "$2" "$3"; then
		fail "$1: no line matching /$2/ in $3"
		grep -v "^mem" "$3" | head -n 15 | cut -c1-160 | sed "s/^/    | /" >&2
	fi
}
# expect_no_grep WHAT ERE FILE: no line of FILE matches ERE.
expect_no_grep() {
	if grep -Eq -- "$2" "$3"; then
		fail "$1: unexpected line matching /$2/ in $3:"
		grep -E -m 5 -- "$2" "$3" | sed 's/^/    | /' >&2
	fi
}
# wait_until COMMAND...: runs COMMAND every 0.1 s until it succeeds, for
# at most 30 s (a loaded machine); its status.
wait_until() {
	local _
	for _ in $(seq 300); do
		"$@" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# alive_reaches FILE N: tp_spin has printed N "alive" lines to FILE.
alive_reaches() {
	[ "$(grep -c '^alive ' "$1")" -ge "$2" ]
}
# count ERE FILE: number of matching lines.
count() {
	grep -Ec -- "$1" "$2"
}

# record NAME [STREC OPTIONS...] -- COMMAND...: runs COMMAND under strec
# (-q) into $WORK/NAME.trc; its stdout in $WORK/NAME.out, stderr in
# $WORK/NAME.err, exit status in $WORK/NAME.rc and $REC_RC. With PIPE_OUT=1
# the command's stdout is a pipe (cat, given a regular file, would use
# copy_file_range instead of read and write).
record() {
	local name=$1
	shift
	local opts=()
	while [ "$1" != "--" ]; do
		opts+=("$1")
		shift
	done
	shift
	if [ "${PIPE_OUT:-0}" = 1 ]; then
		"$STREC" -q "${opts[@]}" -o "$WORK/$name.trc" -- "$@" 2>"$WORK/$name.err" </dev/null |
			cat >"$WORK/$name.out"
		REC_RC=${PIPESTATUS[0]}
	else
		"$STREC" -q "${opts[@]}" -o "$WORK/$name.trc" -- "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null
		REC_RC=$?
	fi
	echo "$REC_RC" >"$WORK/$name.rc"
}

# native NAME COMMAND...: the same without strec, into $WORK/NAME.nout/.nrc.
native() {
	local name=$1
	shift
	if [ "${PIPE_OUT:-0}" = 1 ]; then
		"$@" 2>"$WORK/$name.nerr" </dev/null | cat >"$WORK/$name.nout"
		NATIVE_RC=${PIPESTATUS[0]}
	else
		"$@" >"$WORK/$name.nout" 2>"$WORK/$name.nerr" </dev/null
		NATIVE_RC=$?
	fi
	echo "$NATIVE_RC" >"$WORK/$name.nrc"
}

# same_as_native NAME [STREC OPTIONS...] -- COMMAND...: records COMMAND and
# checks that its stdout and exit status equal those of a native run.
same_as_native() {
	local name=$1
	shift
	local args=("$@")
	while [ "$1" != "--" ]; do
		shift
	done
	shift
	native "$name" "$@"
	record "$name" "${args[@]}"
	expect_eq "$name: exit status under strec (native $NATIVE_RC)" "$NATIVE_RC" "$REC_RC"
	if ! cmp -s "$WORK/$name.nout" "$WORK/$name.out"; then
		fail "$name: stdout differs under strec"
		diff "$WORK/$name.nout" "$WORK/$name.out" | head -n 20 | sed 's/^/    | /' >&2
	fi
}

# facts NAME: trcfacts of $WORK/NAME.trc into $WORK/NAME.facts; a complete,
# error-free trace is required unless ALLOW_INCOMPLETE=1.
facts() {
	local name=$1
	"$FACTS" "$WORK/$name.trc" >"$WORK/$name.facts" 2>"$WORK/$name.facts.err"
	local rc=$?
	expect_eq "$name: trcfacts exit status" 0 "$rc"
	expect_no_grep "$name: reader error" '^error ' "$WORK/$name.facts"
	if [ "${ALLOW_INCOMPLETE:-0}" != 1 ]; then
		expect_grep "$name: end record" '^end records=[0-9]+ lost=0$' "$WORK/$name.facts"
		expect_no_grep "$name: reader warning" '^(warning|incomplete)' "$WORK/$name.facts"
	fi
}

# Escapes stdin as trcfacts escapes memory data (printable ASCII, \n, \t).
escape_data() {
	od -An -v -tx1 | tr -s ' \n' '\n\n' | sed '/^$/d' | while read -r h; do
		case $h in
		0a) printf '\\n' ;;
		09) printf '\\t' ;;
		5c) printf '\\\\' ;;
		22) printf '\\"' ;;
		*)
			if [ $((16#$h)) -lt 32 ] || [ $((16#$h)) -ge 127 ]; then
				printf '\\x%s' "$h"
			else
				printf "\\x$h"
			fi
			;;
		esac
	done
}

# exit_mem FILE ERE: the fields from "flags=" on of the exit capture that
# follows the first syscall line matching ERE (exit captures come right
# after their syscall line).
exit_mem() {
	awk -v re="$2" 'found && $1 == "mem" && $4 == "stop=exit" { print substr($0, index($0, " flags=") + 1); exit }
		found && $1 != "mem" { exit }
		!found && $0 ~ re { found = 1 }' "$1"
}
