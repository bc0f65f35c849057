#!/bin/bash
# Choosing the engine: --backend=auto records with bpf where it can, with
# ptrace otherwise (an unprivileged user), and -d says why; --backend=bpf
# where bpf cannot work is an error naming the reason, and leaves no file.
# Needs root (to become another user): skips (77) otherwise.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "SKIP: needs root and setpriv"
	exit 77
fi
chmod 777 "$WORK"
if ! nobody_can_run "$STREC" "$BIN/tp_exitcode"; then
	echo "SKIP: user nobody cannot reach $STREC (a checkout in a private directory)"
	exit 77
fi
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

nobody "$STREC" --backend=auto -d -q -o "$WORK/auto.trc" -- "$BIN/tp_exitcode" 3 \
	>"$WORK/auto.out" 2>"$WORK/auto.err"
expect_eq "auto as nobody: the command's status" 3 "$?"
expect_grep "auto as nobody: -d says why" \
	'--backend=auto: recording with ptrace: no privilege: the bpf engine needs root' "$WORK/auto.err"
facts auto
expect_grep "auto as nobody: recorded with ptrace" '^header .* backend=ptrace ' "$WORK/auto.facts"
expect_grep "auto as nobody: the calls" '^unfinished [0-9]+ exit_group$' "$WORK/auto.facts"

nobody "$STREC" --backend=bpf -o "$WORK/bpf.trc" true >"$WORK/bpf.out" 2>"$WORK/bpf.err"
expect_eq "bpf as nobody: exit status" 1 "$?"
expect_grep "bpf as nobody: the reason" '^strec: --backend=bpf: no privilege' "$WORK/bpf.err"
[ -e "$WORK/bpf.trc" ] && fail "bpf as nobody: a trace file was left"

# as root: auto is bpf where bpf loads, and says why not where it does not
"$STREC" --backend=bpf -q -o "$WORK/probe.trc" true 2>"$WORK/probe.err"
bpf_works=$?
"$STREC" --backend=auto -d -q -o "$WORK/root.trc" -- "$BIN/tp_exitcode" 0 >/dev/null 2>"$WORK/root.err"
expect_eq "auto as root: exit status" 0 "$?"
facts root
if [ $bpf_works = 0 ]; then
	expect_grep "auto as root: recorded with bpf" '^header .* backend=bpf ' "$WORK/root.facts"
	expect_no_grep "auto as root: no fallback" 'recording with ptrace' "$WORK/root.err"
	# The verifier's work is the load's cost (it was 0.6 million instructions
	# and 1.5 s per recording once) and its limit is a million: each program
	# stays under a fifth of that.
	grep -E 'bpf engine: [a-z_]+: the verifier walked [0-9]+ instructions' "$WORK/root.err" \
		>"$WORK/verifier.txt"
	expect_grep "-d: the verifier's work on sys_exit" ' sys_exit: the verifier walked ' \
		"$WORK/verifier.txt"
	while read -r line; do
		insns=$(echo "$line" | sed -E 's/.* walked ([0-9]+) instructions/\1/')
		[ "$insns" -lt 200000 ] || fail "the verifier's work: $line (the limit is 1000000)"
	done <"$WORK/verifier.txt"
else
	expect_grep "auto as root without bpf: ptrace" '^header .* backend=ptrace ' "$WORK/root.facts"
	expect_grep "auto as root without bpf: why" 'recording with ptrace: ' "$WORK/root.err"
fi

finish
