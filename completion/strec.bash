# bash completion for strec, strep, strstat, strscrub and strdiff.
# The build fills in the syscall names and %classes from the syscall table
# (completion/syscall_names.c); installed as share/bash-completion/completions/{strec,strep,strstat,strscrub,strdiff}.

_strec_syscall_words="@STREC_SYSCALL_WORDS@"

_strec_opts_strec="-o -p -E -u --user -s --no-follow -f --to_trace --dont_trace -e --duration
	--max-size --no-seccomp --spin --no-aslr --env --force -q --progress --backend --bpf-ring-size -d
	-h --help --version"
_strec_opts_strep="--to_trace --dont_trace -e --pid --tree -P -z -Z -o --output --ff -ff
	--output-separately -f -s -x -xx -t -tt
	-ttt --timestamps --relative-timestamps --syscall-times -r -T -i -n -a -y -yy --decode-fds --decode-pids --pidns-translation -v -X -q -qq -qqq --quiet -c -C -S -U -w --json --with-trace-id --format --info --interleaved -h --help --version"
_strec_opts_strstat="--latency --errors --processes --files --all --to_trace --dont_trace -e -z -Z
	--pid --tree -P -S -U --sort --top -C --json --with-trace-id --csv --csv-dir -o --output --svg --html --force -s -c -w -f -h --help
	--version"
_strec_opts_strscrub="-o --mask-paths --drop-argv --drop-env --drop-pid -h --help --version"
_strec_opts_strdiff="--to_trace --dont_trace -e -z -Z --pid --tree -P --volatile --context --summary
	--timing --top -s -y -yy --json -o --output --force -h --help --version"

# Offers the words of list that extend cur; prefix (what cur has before the
# word being completed, e.g. "trace=!" or "open,") is kept out of the reply
# as far as bash's own word splitting (COMP_WORDBREAKS) already removed it.
_strec_offer()
{
	local list=$1 prefix=$2 word=$3
	local -a found
	mapfile -t found < <(compgen -W "$list" -- "$word")
	# bash replaces only the part of the word after its last break character
	local shown=$prefix
	while [[ $shown == *[=:]* ]]; do shown=${shown#*[=:]}; done
	COMPREPLY=("${found[@]/#/$shown}")
}

# A syscall list: names or %classes, comma-separated, each maybe negated.
_strec_syscall_list()
{
	local head=$1 cur=$2
	local last=${cur##*,} before=""
	[[ $cur == *,* ]] && before=${cur%,*},
	local neg=""
	[[ $last == '!'* ]] && neg='!' && last=${last#!}
	_strec_offer "$_strec_syscall_words" "$head$before$neg" "$last"
	compopt -o nospace 2>/dev/null
}

# Whether word is a syscall name or %class, or a comma-separated list of
# them, as strec_filter_is_name.
_strec_is_syscall()
{
	local item
	[[ -n $1 && $1 != *, ]] || return 1
	local -a items
	IFS=, read -ra items <<<"$1"
	for item in "${items[@]}"; do
		[[ " $_strec_syscall_words file desc process network signal ipc memory all none " == *" $item "* ]] ||
			return 1
	done
}

# The index in COMP_WORDS (bash's words, split also at = and :) of the word
# that starts at offset $1 of COMP_LINE.
_strec_comp_word_at()
{
	local target=$1 pos=0 i w
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		while ((pos < ${#COMP_LINE})) && [[ ${COMP_LINE:pos:${#w}} != "$w" ]]; do
			((pos++))
		done
		if ((pos >= target)); then
			echo "$i"
			return 0
		fi
		((pos += ${#w}))
	done
	return 1
}

# strec's command line before the word being completed: sets _strec_cmd to
# the index in words of the command strec will run (${#words[@]} when the
# word being completed is where it goes, -1 when it is not there yet), and
# _strec_maybe_item when the last word may still be one more syscall of a
# list (the command's words decide; see strec_filter_list_continues).
_strec_find_command()
{
	local i w after_item=0
	_strec_cmd=-1
	_strec_maybe_item=0
	for ((i = 1; i < ${#words[@]}; i++)); do
		w=${words[i]}
		if [[ $w == -- ]]; then
			_strec_cmd=$((i + 1))
			return
		fi
		if [[ $w == -?* ]]; then
			after_item=0
			case $w in
			--to_trace | --dont_trace) i=$((i + 1)) after_item=1 ;;
			-o | -p | -s | -e | -E | -u | --user | --output | --attach | --string-limit | --spin | \
				--duration | --max-size | --backend | --bpf-ring-size) i=$((i + 1)) ;;
			esac
			continue
		fi
		if ((after_item)) && _strec_is_syscall "$w"; then
			# more words after it: it was a list item; the last: either
			((i + 1 < ${#words[@]})) && continue
			_strec_maybe_item=1
		fi
		_strec_cmd=$i
		return
	done
	# i past the words: the word being completed is the last option's value
	if ((i == ${#words[@]})); then
		_strec_cmd=$i
		_strec_maybe_item=$after_item
	fi
}

_strec_complete()
{
	local tool=${1##*/}
	local line=${COMP_LINE:0:COMP_POINT}
	# the words of the line, and where each starts in it
	local -a words starts
	local off=0 rest=$line
	while [[ $rest =~ ^([[:space:]]*)([^[:space:]]+) ]]; do
		off=$((off + ${#BASH_REMATCH[1]}))
		words+=("${BASH_REMATCH[2]}")
		starts+=("$off")
		off=$((off + ${#BASH_REMATCH[2]}))
		rest=${line:off}
	done
	local cur=""
	[[ -z $line || $line == *[[:space:]] ]] || { cur=${words[-1]}; unset 'words[-1]'; }
	local prev=${words[-1]-}
	COMPREPLY=()

	if [[ $tool == strec ]]; then
		_strec_find_command
		if ((_strec_cmd >= 0 && _strec_cmd < ${#words[@]} && !_strec_maybe_item)); then
			# past the command: its own completion, as sudo's or
			# strace's (bash-completion's _command_offset)
			local at
			if declare -F _command_offset >/dev/null &&
				at=$(_strec_comp_word_at "${starts[_strec_cmd]}"); then
				_command_offset "$at"
			else
				mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			fi
			return
		fi
		if ((_strec_cmd >= 0 || _strec_maybe_item)) && [[ $cur != -* ]]; then
			# the command (or one more syscall of the list before it)
			mapfile -t COMPREPLY < <(compgen -c -- "$cur")
			if ((_strec_maybe_item)); then
				local -a names
				mapfile -t names < <(compgen -W "$_strec_syscall_words" -- "$cur")
				COMPREPLY+=("${names[@]}")
			fi
			return
		fi
	fi

	# --to_trace/--dont_trace take several names: look back to the last option
	local i last_opt=""
	for ((i = ${#words[@]} - 1; i > 0; i--)); do
		if [[ ${words[i]} == -* ]]; then
			last_opt=${words[i]}
			break
		fi
	done

	case $prev in
	-o | --output | --svg | --html)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--ff | --csv-dir)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
		;;
	-P | --mask-paths)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	-p | --pid | --drop-pid)
		[[ $tool == strec ]] && mapfile -t COMPREPLY < <(compgen -W "$(command ls /proc | grep -E '^[0-9]+$')" -- "$cur")
		return
		;;
	-s | -a | --top | --spin | --duration | --max-size | --bpf-ring-size | --context)
		return
		;;
	--backend)
		[[ $tool == strec ]] && mapfile -t COMPREPLY < <(compgen -W "ptrace bpf auto" -- "$cur")
		return
		;;
	--volatile)
		# syscalls (or %classes); a field is any name followed by =
		_strec_syscall_list "" "$cur"
		return
		;;
	-E)
		[[ $tool == strec ]] || return
		mapfile -t COMPREPLY < <(compgen -e -- "$cur")
		compopt -o nospace 2>/dev/null
		return
		;;
	-u | --user)
		[[ $tool == strec ]] && mapfile -t COMPREPLY < <(compgen -u -- "$cur")
		return
		;;
	-S)
		_strec_offer "time calls errors name avg-time min-time max-time nothing" "" "$cur"
		return
		;;
	-U)
		local last=${cur##*,} before=""
		[[ $cur == *,* ]] && before=${cur%,*},
		_strec_offer "time-percent total-time min-time max-time avg-time calls errors name" "$before" "$last"
		compopt -o nospace 2>/dev/null
		return
		;;
	--sort)
		_strec_offer "opens failed read written stat path" "" "$cur"
		return
		;;
	--format)
		_strec_offer "text json perfetto" "" "$cur"
		return
		;;
	-X)
		_strec_offer "raw abbrev verbose" "" "$cur"
		return
		;;
	-e)
		case $cur in
		trace=*) _strec_syscall_list "trace=" "${cur#trace=}" ;;
		raw=* | abbrev=* | verbose=*)
			[[ $tool == strep ]] && _strec_syscall_list "${cur%%=*}=" "${cur#*=}"
			;;
		decode-fds=*)
			[[ $tool == strep ]] && _strec_offer "path socket dev pidfd all none" "decode-fds=" "${cur#decode-fds=}"
			;;
		quiet=*)
			[[ $tool == strec ]] && return
			_strec_offer "attach exit personality thread-execve path-resolution all none" "quiet=" "${cur#quiet=}"
			;;
		signal=* | status=*)
			local key=${cur%%=*}= list="successful failed unfinished detached"
			[[ $key == signal= ]] && list="all none SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGKILL SIGUSR1 SIGSEGV SIGUSR2 SIGPIPE SIGALRM SIGTERM SIGCHLD SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO SIGPWR SIGSYS"
			[[ $tool == strec ]] && return
			_strec_offer "$list" "$key" "${cur#"$key"}"
			;;
		*)
			local keys="trace="
			[[ $tool != strec ]] && keys="trace= signal= status="
			[[ $tool == strep ]] && keys="$keys quiet= read= write= raw= abbrev= verbose= decode-fds="
			_strec_offer "$keys" "" "$cur"
			compopt -o nospace 2>/dev/null
			;;
		esac
		return
		;;
	esac
	if [[ ($last_opt == --to_trace || $last_opt == --dont_trace) && $cur != -* ]] &&
		[[ $tool != strec || $prev == "$last_opt" ]]; then
		_strec_syscall_list "" "$cur"
		return
	fi
	case $cur in
	--quiet=*)
		[[ $tool == strep ]] && _strec_offer "attach exit personality thread-execve path-resolution all none" "--quiet=" "${cur#--quiet=}"
		return
		;;
	--decode-fds=*)
		[[ $tool == strep ]] && _strec_offer "path socket dev pidfd all none" "--decode-fds=" "${cur#--decode-fds=}"
		return
		;;
	--decode-pids=*)
		[[ $tool == strep ]] && _strec_offer "pidns none" "--decode-pids=" "${cur#--decode-pids=}"
		return
		;;
	--timestamps=* | --absolute-timestamps=*)
		[[ $tool == strep ]] && _strec_offer "time unix none s ms us ns" "${cur%%=*}=" "${cur#*=}"
		return
		;;
	--relative-timestamps=* | --syscall-times=*)
		[[ $tool == strep ]] && _strec_offer "s ms us ns" "${cur%%=*}=" "${cur#*=}"
		return
		;;
	--format=*)
		_strec_offer "text json perfetto" "--format=" "${cur#--format=}"
		return
		;;
	--to_trace=* | --dont_trace=* | --volatile=*)
		_strec_syscall_list "${cur%%=*}=" "${cur#*=}"
		return
		;;
	-*)
		local var=_strec_opts_$tool
		_strec_offer "${!var}" "" "$cur"
		return
		;;
	esac
	if [[ $tool == strec ]]; then
		mapfile -t COMPREPLY < <(compgen -c -- "$cur") # the command
	else
		mapfile -t COMPREPLY < <(compgen -f -X '!*.trc' -- "$cur"; compgen -d -- "$cur")
	fi
}

_strec_bash_complete()
{
	_strec_complete "$1"
}
complete -F _strec_bash_complete strec strep strstat strscrub strdiff
