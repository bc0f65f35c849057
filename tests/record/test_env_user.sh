#!/bin/bash
# -E VAR=VAL / -E VAR and -u USER, as strace's: the command's environment,
# and the user it runs as (uid, gid, groups; a setuid program's owner as
# its effective uid). The header's copy of strec's command line keeps no
# -E value unless --env.
. "$(dirname "$0")/lib.sh"

# -E sets, replaces and removes; later ones win.
FOO=outer KEEP=kept GONE=here \
	"$STREC" -q -o "$WORK/env.trc" -E FOO=bar -E GONE -E NEW=1 -E NEW=2 \
	sh -c 'echo "${FOO}|${GONE-unset}|${NEW}|${KEEP}"' >"$WORK/env.out" 2>"$WORK/env.err"
expect_eq "-E: exit status" 0 "$?"
expect_eq "-E: the command's environment" "bar|unset|2|kept" "$(cat "$WORK/env.out")"
"$BIN/strep" --info "$WORK/env.trc" >"$WORK/env.info"
expect_grep "-E: its value is not recorded" "^recorder argv: .* -E 'FOO=<not recorded>' -E GONE -E 'NEW=<not recorded>' " \
	"$WORK/env.info"
expect_no_grep "-E: no value in the header" 'FOO=bar|NEW=2' "$WORK/env.info"
# With --env the environment is recorded: the command's, as -E made it.
GONE=here "$STREC" -q --env -o "$WORK/envrec.trc" -E FOO=bar -E GONE true 2>"$WORK/envrec.err"
expect_eq "-E --env: exit status" 0 "$?"
"$BIN/strep" --info "$WORK/envrec.trc" >"$WORK/envrec.info"
expect_grep "-E --env: the value in the recorder's argv" '^recorder argv: .* -E FOO=bar -E GONE ' "$WORK/envrec.info"
"$FACTS" "$WORK/envrec.trc" >"$WORK/envrec.facts"
expect_grep "-E --env: the header's environment has FOO=bar" '^env FOO=bar$' "$WORK/envrec.facts"
expect_no_grep "-E --env: and not GONE" '^env GONE=' "$WORK/envrec.facts"

# -u: the command runs as the user, strec stays root to trace it.
chmod 755 "$WORK"
record id -u nobody -- id -u
expect_eq "-u nobody: exit status" 0 "$REC_RC"
expect_eq "-u nobody: uid" "$(id -u nobody)" "$(cat "$WORK/id.out")"
record idg -u nobody -- sh -c 'id -g; id -G'
expect_eq "-u nobody: gid and groups" "$(id -g nobody; id -G nobody)" "$(cat "$WORK/idg.out")"
facts id
# strec's own calls in the child (setgroups, setregid, setreuid) are not
# the command's: the trace starts at its execve.
first=$(awk '$1 == "syscall" || $1 == "unfinished" { print $3; exit }' "$WORK/id.facts")
expect_eq "-u nobody: the first call recorded" execve "$first"
record idf -u nobody --to_trace %creds -- id -u
expect_eq "-u nobody, %creds: uid" "$(id -u nobody)" "$(cat "$WORK/idf.out")"
facts idf
first=$(awk '$1 == "syscall" || $1 == "unfinished" { print $3; exit }' "$WORK/idf.facts")
expect_eq "-u nobody, %creds: the first call recorded" execve "$first"
expect_grep "-u nobody, %creds: the command's own calls" '^syscall [0-9]+ geteuid ret=' "$WORK/idf.facts"

# A setuid program runs with its owner's effective uid, as without a tracer.
cp "$(command -v id)" "$WORK/id-suid"
chmod 4755 "$WORK/id-suid"
record suid -u nobody -- "$WORK/id-suid" -u
expect_eq "-u nobody, setuid root program: effective uid" 0 "$(cat "$WORK/suid.out")"
record suidr -u nobody -- "$WORK/id-suid" -ru
expect_eq "-u nobody, setuid root program: real uid" "$(id -u nobody)" "$(cat "$WORK/suidr.out")"

# Only root can do it.
if ! command -v setpriv >/dev/null; then
	echo "SKIP: -u as non-root (no setpriv)"
elif ! nobody_can_run "$STREC_BIN"; then
	echo "SKIP: -u as non-root (nobody cannot reach $STREC_BIN)"
else
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$STREC_BIN" -q -o /dev/null -u nobody true >"$WORK/nonroot.out" 2>"$WORK/nonroot.err"
	expect_eq "-u as non-root: exit status" 1 "$?"
	expect_grep "-u as non-root: message" '^strec: -u nobody: only root can run a command as another user' \
		"$WORK/nonroot.err"
fi

finish
