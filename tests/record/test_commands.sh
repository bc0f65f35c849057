#!/bin/bash
# Everyday commands under strec: same output and status, sensible facts.
. "$(dirname "$0")/lib.sh"

# ls: directory listing through getdents64.
same_as_native ls -- ls -a /
facts ls
expect_grep "ls: exec" '^exec [0-9]+ former=[0-9]+ exe=.*/ls$' "$WORK/ls.facts"
expect_grep "ls: getdents64 of /" '^syscall [0-9]+ getdents64 ret=[1-9]' "$WORK/ls.facts"
expect_grep "ls: exit 0" '^exit [0-9]+ exited=0$' "$WORK/ls.facts"

# cat /etc/hostname: the read buffer captured is the file's content.
if [ -r /etc/hostname ] && [ -s /etc/hostname ]; then
	PIPE_OUT=1 same_as_native hostname -- cat /etc/hostname
	facts hostname
	F=$WORK/hostname.facts
	size=$(stat -c %s /etc/hostname)
	expect_grep "cat: openat of /etc/hostname" \
		'^mem [0-9]+ openat stop=entry arg=1 item=0 flags=string len=13 full_len=13 data="/etc/hostname"$' "$F"
	fd=$(awk '$1 == "syscall" && $3 == "openat" { r = $4 } $1 == "mem" && $3 == "openat" && $NF == "data=\"/etc/hostname\"" { want = 1; next } want && $1 == "syscall" { sub("ret=", "", $4); print $4; exit }' "$F")
	expect_ge "cat: openat result" 0 "$fd"
	expect_grep "cat: read of the file returns its size" \
		"^syscall [0-9]+ read ret=$size args=$(printf '0x%x' "${fd:-99}")," "$F"
	expect_eq "cat: read buffer captured" \
		"flags=- len=$size full_len=$size data=\"$(escape_data </etc/hostname)\"" \
		"$(exit_mem "$F" "^syscall [0-9]+ read ret=$size args=$(printf '0x%x' "${fd:-99}"),")"
else
	echo "no readable /etc/hostname: skipping cat of it"
fi

# sh -c: the shell's exit status passes through strec.
same_as_native sh -- sh -c 'echo hi; exit 3'
expect_eq "sh: exit status" 3 "$REC_RC"
expect_eq "sh: output" hi "$(cat "$WORK/sh.out")"
facts sh
expect_grep "sh: echo's write" '^mem [0-9]+ write stop=entry arg=1 item=0 flags=- len=3 full_len=3 data="hi\\n"$' "$WORK/sh.facts"
expect_grep "sh: exit 3" '^exit [0-9]+ exited=3$' "$WORK/sh.facts"

# python3: a big dynamic program (the system one: no pyenv shim).
py=
for p in /usr/bin/python3 /usr/local/bin/python3; do
	[ -x "$p" ] && py=$p && break
done
if [ -n "$py" ]; then
	same_as_native python -- "$py" -c 'print(1)'
	expect_eq "python: output" 1 "$(cat "$WORK/python.out")"
	facts python
	expect_grep "python: exec" '^exec [0-9]+ former=[0-9]+ exe=.*python3' "$WORK/python.facts"
	# One write of "1\n", or two when PYTHONUNBUFFERED is set.
	expect_grep "python: print's write" '^mem [0-9]+ write stop=entry arg=1 item=0 flags=- len=[12] full_len=[12] data="1(\\n)?"$' "$WORK/python.facts"
	expect_ge "python: many syscalls" 100 "$(count '^syscall ' "$WORK/python.facts")"
else
	echo "no python3: skipping it"
fi

# tp_syscalls: everyday calls with their failures; the output has pids in
# it, so compare it without digits.
record syscalls -- "$BIN/tp_syscalls" "$WORK"
expect_eq "tp_syscalls: exit status" 0 "$REC_RC"
expect_eq "tp_syscalls: last line" "failures 0" "$(tail -n 1 "$WORK/syscalls.out")"
native syscalls "$BIN/tp_syscalls" "$WORK"
expect_eq "tp_syscalls: output as without strec" "$(tr -d 0-9 <"$WORK/syscalls.nout")" "$(tr -d 0-9 <"$WORK/syscalls.out")"
facts syscalls
expect_grep "tp_syscalls: ENOENT from openat" '^syscall [0-9]+ openat ret=-2 ' "$WORK/syscalls.facts"
expect_grep "tp_syscalls: ENOTTY from ioctl" '^syscall [0-9]+ ioctl ret=-25 ' "$WORK/syscalls.facts"

# A command that cannot be run: exit 1 and a message, no trace file.
"$STREC" -q -o "$WORK/missing.trc" no-such-command-strec-test >"$WORK/missing.out" 2>"$WORK/missing.err"
expect_eq "missing command: exit status" 1 "$?"
expect_grep "missing command: message" "^strec: .*no-such-command-strec-test" "$WORK/missing.err"
[ -e "$WORK/missing.trc" ] && fail "missing command: a trace file was created"

finish
