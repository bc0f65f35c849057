#!/bin/bash
# Choosing the engine: --backend=auto, the default, records with bpf where it
# can, with ptrace otherwise (an unprivileged user, a pid namespace of strec's
# own), and -d says why; --backend=bpf where bpf cannot work is an error
# naming the reason, and leaves no file. Every strec here is the binary
# itself ($STREC_BIN), not lib.sh's wrapper that asks for ptrace.
# Needs root (to become another user): skips (77) otherwise.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "SKIP: needs root and setpriv"
	exit 77
fi
chmod 777 "$WORK"
if ! nobody_can_run "$STREC_BIN" "$BIN/tp_exitcode"; then
	echo "SKIP: user nobody cannot reach $STREC_BIN (a checkout in a private directory)"
	exit 77
fi
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

nobody "$STREC_BIN" --backend=auto -d -q -o "$WORK/auto.trc" -- "$BIN/tp_exitcode" 3 \
	>"$WORK/auto.out" 2>"$WORK/auto.err"
expect_eq "auto as nobody: the command's status" 3 "$?"
expect_grep "auto as nobody: -d says why" \
	'--backend=auto: recording with ptrace: no privilege: the bpf engine needs root' "$WORK/auto.err"
facts auto
expect_grep "auto as nobody: recorded with ptrace" '^header .* backend=ptrace ' "$WORK/auto.facts"
expect_grep "auto as nobody: the calls" '^unfinished [0-9]+ exit_group$' "$WORK/auto.facts"

nobody "$STREC_BIN" --backend=bpf -o "$WORK/bpf.trc" true >"$WORK/bpf.out" 2>"$WORK/bpf.err"
expect_eq "bpf as nobody: exit status" 1 "$?"
expect_grep "bpf as nobody: the reason" '^strec: --backend=bpf: no privilege' "$WORK/bpf.err"
[ -e "$WORK/bpf.trc" ] && fail "bpf as nobody: a trace file was left"

# as root: auto is bpf where bpf loads, and says why not where it does not
"$STREC_BIN" --backend=bpf -q -o "$WORK/probe.trc" true 2>"$WORK/probe.err"
bpf_works=$?
"$STREC_BIN" --backend=auto -d -q -o "$WORK/root.trc" -- "$BIN/tp_exitcode" 0 >/dev/null 2>"$WORK/root.err"
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

# auto is the default: bpf as root where it works, ptrace as another user
"$STREC_BIN" -d -q -o "$WORK/default.trc" -- "$BIN/tp_exitcode" 4 >/dev/null 2>"$WORK/default.err"
expect_eq "the default as root: exit status" 4 "$?"
facts default
if [ $bpf_works = 0 ]; then
	expect_grep "the default as root: bpf" '^header .* backend=bpf ' "$WORK/default.facts"
	expect_grep "the default as root: -d says so" '--backend=auto: recording with bpf$' \
		"$WORK/default.err"
else
	expect_grep "the default as root without bpf: ptrace" '^header .* backend=ptrace ' \
		"$WORK/default.facts"
fi
nobody "$STREC_BIN" -q -o "$WORK/default-nobody.trc" -- "$BIN/tp_exitcode" 5 >/dev/null 2>&1
expect_eq "the default as nobody: exit status" 5 "$?"
facts default-nobody
expect_grep "the default as nobody: ptrace" '^header .* backend=ptrace ' "$WORK/default-nobody.facts"

# In a pid namespace of its own strec's pids are not the kernel's, which the
# bpf engine sees: auto takes ptrace and says why, bpf is refused.
if unshare -p -f true 2>/dev/null; then
	unshare -p -f "$STREC_BIN" -d -q -o "$WORK/pidns.trc" -- "$BIN/tp_exitcode" 6 \
		>/dev/null 2>"$WORK/pidns.err"
	expect_eq "auto in a pid namespace: exit status" 6 "$?"
	facts pidns
	expect_grep "auto in a pid namespace: ptrace" '^header .* backend=ptrace ' "$WORK/pidns.facts"
	expect_grep "auto in a pid namespace: why" \
		'--backend=auto: recording with ptrace: strec runs in a pid namespace of its own' \
		"$WORK/pidns.err"
	unshare -p -f "$STREC_BIN" --backend=bpf -q -o "$WORK/pidns-bpf.trc" -- true \
		>/dev/null 2>"$WORK/pidns-bpf.err"
	expect_eq "bpf in a pid namespace: exit status" 1 "$?"
	expect_grep "bpf in a pid namespace: the reason" \
		'^strec: --backend=bpf: strec runs in a pid namespace of its own' "$WORK/pidns-bpf.err"
	[ -e "$WORK/pidns-bpf.trc" ] && fail "bpf in a pid namespace: a trace file was left"
fi

finish
