#!/usr/bin/env bash
# The generated bash completion: syscall names after --to_trace (also
# several, comma-separated, negated), -e trace=, %classes, option names of
# each tool, --format values.
set -u
completion=$1
# shellcheck disable=SC1090
source "$completion" || { echo "FAIL: cannot source $completion"; exit 1; }
fail=0

# expect LINE WORD: completing LINE offers WORD
expect()
{
	local line=$1 want=$2 tool=${1%% *}
	COMP_LINE=$line
	COMP_POINT=${#line}
	read -ra COMP_WORDS <<<"$line"
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_strec_bash_complete "$tool" "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]-}"
	local w
	for w in "${COMPREPLY[@]}"; do
		[[ $w == "$want" ]] && return 0
	done
	echo "FAIL: '$line' offers (${COMPREPLY[*]:0:8}), not '$want'"
	fail=1
}

expect "strep run.trc --to_trace ope" openat
expect "strep run.trc --to_trace read ope" openat
expect "strep run.trc --to_trace read,ope" read,openat
expect "strep run.trc --dont_trace %fi" %file
expect "strec --to_trace clo" close
expect "strec -e trace=!ope" '!openat'
expect "strstat run.trc -e trace=%ne" %network
expect "strep run.trc -e st" status=
expect "strep run.trc --format " perfetto
expect "strep run.trc --js" --json
expect "strstat run.trc --sv" --svg
expect "strec --prog" --progress
expect "strscrub in.trc --drop-" --drop-argv
expect "strstat run.trc -S " calls
expect "strep run.trc -U calls,mi" calls,min-time
expect "strep run.trc -e raw=%me" %memory
expect "strep run.trc --decode-fds=so" socket
expect "strstat run.trc -S max" max-time
expect "strep run.trc --quiet=pers" personality
expect "strep run.trc -e quiet=ex" exit
expect "strep run.trc -e status=det" detached
exit $fail
