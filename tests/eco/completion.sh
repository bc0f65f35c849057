#!/usr/bin/env bash
# The generated bash completion: syscall names after --to_trace (also
# several, comma-separated, negated), -e trace=, %classes, option names of
# each tool, --format values; after strec's command, that command's own
# completion (bash-completion's _command_offset, as sudo and strace do).
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
	_strec_bash_complete "$tool" "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]-}" 2>/dev/null
	local w
	for w in "${COMPREPLY[@]}"; do
		[[ ${w% } == "$want" ]] && return 0 # some completions end words with a space
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
expect "strstat run.trc --ht" --html
expect "strec --prog" --progress
expect "strscrub in.trc --drop-" --drop-argv
expect "strdiff a.trc b.trc --vol" --volatile
expect "strdiff a.trc b.trc --volatile ope" openat
expect "strdiff --tim" --timing
expect "strdiff a.trc -e trace=%fi" %file
expect "strstat run.trc -S " calls
expect "strep run.trc -U calls,mi" calls,min-time
expect "strep run.trc -e raw=%me" %memory
expect "strep run.trc --decode-fds=so" socket
expect "strstat run.trc -S max" max-time
expect "strep run.trc --quiet=pers" personality
expect "strep run.trc -e quiet=ex" exit
expect "strep run.trc -e status=det" detached
# strec's new options and their values
expect "strec --dur" --duration
expect "strec --max" --max-size
expect "strec --us" --user
expect "strec -u roo" root
expect "strec -E PAT" PATH
expect "strec --back" --backend
expect "strec --backend b" bpf
expect "strec --bpf" --bpf-ring-size
expect "strec --backend bpf ca" cat
expect "strec --bpf-ring-size 64M ca" cat
# the command, and after a list item either a command or one more syscall
expect "strec -o x.trc ca" cat
expect "strec --to_trace read ca" cat
expect "strec --to_trace read wri" write
# the command's arguments: files at least, also without bash-completion
expect "strec cat /etc/hostn" /etc/hostname
expect "strec -E X=1 -u root -o x.trc cat /etc/hostn" /etc/hostname
# not options of strec's once the command is there
expect_not()
{
	local line=$1 unwanted=$2 tool=${1%% *}
	COMP_LINE=$line
	COMP_POINT=${#line}
	read -ra COMP_WORDS <<<"$line"
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_strec_bash_complete "$tool" "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]-}" 2>/dev/null
	local w
	for w in "${COMPREPLY[@]}"; do
		if [[ ${w% } == "$unwanted" ]]; then
			echo "FAIL: '$line' offers '$unwanted'"
			fail=1
		fi
	done
}
expect_not "strec cat --prog" --progress

# With bash-completion, the command's own completion takes over: git's
# subcommands after "strec git", whatever strec options came before.
if [[ -r /usr/share/bash-completion/bash_completion ]]; then
	# shellcheck disable=SC1091
	source /usr/share/bash-completion/bash_completion 2>/dev/null
	if command -v git >/dev/null && [[ -r /usr/share/bash-completion/completions/git ]]; then
		expect "strec git cl" clone
		expect "strec -o x.trc --to_trace read -- git cl" clone
		expect "strec --to_trace read write git cl" clone
		expect "strec -E A=1 -u root git cl" clone
	else
		echo "SKIP: git or its completion is not installed"
	fi
	expect "strec cat /etc/hostn" /etc/hostname
else
	echo "SKIP: bash-completion is not installed (scripts/setup.sh installs it)"
fi
exit $fail
