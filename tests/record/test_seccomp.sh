#!/bin/bash
# A program with a seccomp filter of its own (tp_seccomp): under strec it
# behaves as natively, with or without strec's own seccomp prefilter, and
# the calls its filter fails are recorded with their errors. The program's
# SECCOMP_RET_TRACE must fail with ENOSYS as with no tracer (strec's own
# filter's stops are told apart by their data), and its SECCOMP_RET_ERRNO,
# which wins over strec's filter, must not hide the call from the trace.
. "$(dirname "$0")/lib.sh"

# Four tasks (main, a thread given the filter by TSYNC, a thread and a
# child inheriting it) each fail getppid with ENOSYS and getpgid with EXDEV.
check_calls() {
	local F=$WORK/$1.facts
	expect_eq "$1: getppid = -ENOSYS" 4 "$(count '^syscall [0-9]+ getppid ret=-38 ' "$F")"
	expect_eq "$1: getpgid = -EXDEV" 4 "$(count '^syscall [0-9]+ getpgid ret=-18 ' "$F")"
	expect_eq "$1: tasks making them" 4 \
		"$(awk '$1 == "syscall" && ($3 == "getppid" || $3 == "getpgid") { print $2 }' "$F" | sort -u | wc -l)"
}

same_as_native filtered --to_trace getppid,getpgid -- "$BIN/tp_seccomp"
expect_eq "tp_seccomp natively" "0" "$NATIVE_RC"
expect_eq "tp_seccomp natively: output" 4 "$(grep -c 'getppid ENOSYS, getpgid EXDEV$' "$WORK/filtered.nout")"
facts filtered
check_calls filtered
expect_no_grep "filtered: nothing else recorded" '^syscall [0-9]+ (seccomp|prctl|write|read) ' "$WORK/filtered.facts"

same_as_native unfiltered -- "$BIN/tp_seccomp"
facts unfiltered
check_calls unfiltered
expect_eq "unfiltered: the filter's installation" 1 \
	"$(count '^syscall [0-9]+ seccomp ret=0 args=0x1,0x1,' "$WORK/unfiltered.facts")"

same_as_native no_prefilter --no-seccomp --to_trace getppid,getpgid -- "$BIN/tp_seccomp"
facts no_prefilter
check_calls no_prefilter

# Calls strec does not record behave as natively too.
same_as_native other --to_trace write -- "$BIN/tp_seccomp"
facts other
expect_no_grep "other: getppid/getpgid not recorded" '^syscall [0-9]+ (getppid|getpgid) ' "$WORK/other.facts"
expect_ge "other: writes recorded" 1 "$(count '^syscall [0-9]+ write ' "$WORK/other.facts")"

finish
