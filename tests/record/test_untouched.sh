#!/bin/bash
# Inputs in pages the program has not touched yet (tp_untouched): every
# engine records them whole. ptrace reads them as the kernel would (faulting
# them in); the bpf engine reads them again when the call returns, or, for
# a successful execve, from the new image.
. "$(dirname "$0")/lib.sh"

mkdir "$WORK/dir"
same_as_native untouched -d -- "$BIN/tp_untouched" "$WORK/dir"
expect_eq "output" "$(printf 'untouched buffer\nuntouched argv')" "$(cat "$WORK/untouched.out")"
facts untouched
F=$WORK/untouched.facts
# A failing execve's argv is the one input the kernel never reads (it opens
# the program first): the bpf engine can read those strings only when they
# happen to be mapped (the kernel maps neighbouring pages of the cache when
# the path's page faults in, not always all of them), else says unreadable.
if [ "${STREC_TEST_BACKEND:-ptrace}" = bpf ]; then
	grep -v ' execve stop=entry arg=1 ' "$F" >"$WORK/untouched.facts-but-argv"
	expect_no_grep "nothing unreadable (but a failing execve's argv)" 'flags=[^ ]*unreadable' \
		"$WORK/untouched.facts-but-argv"
	argv_strings=2
else
	expect_no_grep "nothing unreadable" 'flags=[^ ]*unreadable' "$F"
	argv_strings=4
fi
expect_grep "openat's path" \
	"^mem [0-9]+ openat stop=entry arg=1 item=0 flags=string len=[0-9]+ full_len=[0-9]+ data=\"$WORK/dir/strings\"$" "$F"
expect_grep "the failing openat's path" \
	'^mem [0-9]+ openat stop=entry arg=1 item=0 flags=string len=12 full_len=12 data="/nonexistent"$' "$F"
expect_grep "the write's buffer" \
	'^mem [0-9]+ write stop=entry arg=1 item=0 flags=- len=17 full_len=17 data="untouched buffer\\n"$' "$F"
expect_grep "the failing execve's path" \
	'^mem [0-9]+ execve stop=entry arg=0 item=0 flags=string len=12 full_len=12 data="/nonexistent"$' "$F"
expect_ge "argv strings echo and untouched, of both execves (bpf: of echo's at least)" "$argv_strings" \
	"$(awk '$1 == "mem" && $3 == "execve" && $5 == "arg=1" && ($10 == "data=\"echo\"" || $10 == "data=\"untouched\"")' "$F" | wc -l)"
expect_grep "the execve of echo: argv[1]" \
	'^mem [0-9]+ execve stop=entry arg=1 item=2 flags=string len=9 full_len=9 data="untouched"$' "$F"
expect_grep "the execve of echo: its path" \
	'^mem [0-9]+ execve stop=entry arg=0 item=0 flags=string len=9 full_len=9 data="/bin/echo"$' "$F"
expect_grep "the execve of echo: argv[2]" \
	'^mem [0-9]+ execve stop=entry arg=1 item=3 flags=string len=4 full_len=4 data="argv"$' "$F"
if [ "${STREC_TEST_BACKEND:-ptrace}" = bpf ]; then
	# the inputs were not there at entry: this test tests the second reading
	expect_ge "entries read again at their exit" 4 "$(count 'read again at the exit' "$WORK/untouched.err")"
	expect_grep "an exec's input read from the new image" 'read from the new image' "$WORK/untouched.err"
fi
# and decoded as strace shows them
"$BIN/strep" "$WORK/untouched.trc" >"$WORK/untouched.strep"
if [ "$argv_strings" = 4 ]; then
	expect_grep "strep: the failing execve" \
		'execve\("/nonexistent", \["echo", "untouched"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) = -1 ENOENT' "$WORK/untouched.strep"
else
	expect_grep "strep: the failing execve" 'execve\("/nonexistent", .*\) = -1 ENOENT' "$WORK/untouched.strep"
fi
expect_grep "strep: echo's execve" \
	'execve\("/bin/echo", \["echo", "untouched", "argv"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) = 0' "$WORK/untouched.strep"

finish
