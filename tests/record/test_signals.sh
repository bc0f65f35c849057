#!/bin/bash
# tp_signals: handled signals, interrupted calls, sigqueue.
. "$(dirname "$0")/lib.sh"

same_as_native signals -- "$BIN/tp_signals"
facts signals
F=$WORK/signals.facts
main=$(awk '$1 == "exec" { print $2; exit }' "$F")

# raise(SIGUSR1) is a tgkill (SI_TKILL), the child's kill SI_USER.
expect_grep "SIGUSR1 raised" "^signal $main 10 code=-6$" "$F"
expect_grep "SIGUSR1 from the child" "^signal $main 10 code=0$" "$F"
expect_eq "SIGALRM from the timer (SI_KERNEL), one per step" 2 "$(count "^signal $main 14 code=128$" "$F")"
expect_eq "SIGUSR2 queued (SI_QUEUE)" 1 "$(count "^signal $main 12 code=-1$" "$F")"
expect_eq "signals to the main process, in order (SIGCHLD aside)" "10 14 14 10 12" \
	"$(awk -v m="$main" '$1 == "signal" && $2 == m && $3 != 17 { printf "%s%s", s, $3; s = " " }' "$F")"
# At the syscall-exit stop, an interrupted 1-byte read of the pipe shows ERESTARTSYS (-512) and
# pause ERESTARTNOHAND (-514); the EINTR (-4) the program sees is what
# rt_sigreturn restores after the SIGALRM handler, as strace shows it.
expect_eq "read, pause and the restarted read" "read=-512 pause=-514 read=-512 read=1" \
	"$(awk -v m="$main" '$1 == "syscall" && $2 == m && (($3 == "read" && $5 ~ /^args=0x[0-9a-f]+,0x[0-9a-f]+,0x1,/) || $3 == "pause") { sub("ret=", "", $4); printf "%s%s=%s", s, $3, $4; s = " " }' "$F")"
expect_eq "EINTR returns (rt_sigreturn after SIGALRM)" 2 "$(count "^syscall $main rt_sigreturn ret=-4 args=0xe," "$F")"
expect_grep "the restarted read gets the byte" \
	"^mem $main read stop=exit arg=1 item=0 flags=- len=1 full_len=1 data=\"x\"$" "$F"
expect_grep "rt_sigqueueinfo" "^syscall $main rt_sigqueueinfo ret=0 " "$F"
expect_ge "rt_sigreturn after handlers" 4 "$(count "^(syscall|unfinished) $main rt_sigreturn" "$F")"

finish
