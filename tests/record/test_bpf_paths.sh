#!/bin/bash
# The bpf engine names a descriptor's path and the working directory in the
# kernel, every component of every path that fits in PATH_MAX, and names a
# longer one nowhere (the kernel's d_path cannot either) without asking user
# space to read /proc later, when the name may be another's. The deepest
# walk: one-letter directories under a mount on /mnt, in a mount namespace of
# its own. Run with STREC_TEST_BACKEND=bpf (skips, 77, where bpf cannot load).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
	echo "SKIP: needs root and unshare"
	exit 77
fi
# /mnt + 2045 "/a": 4094 bytes, a name; one more: 4096, none (PATH_MAX
# holds the NUL). Each open is of "." after a chdir.
cat >"$WORK/deep.sh" <<'SH'
mount -t tmpfs strec-test /mnt || exit 9
cd /mnt || exit 9
exec python3 -c '
import os
for depth in range(1, 2047):
    os.mkdir("a")
    os.chdir("a")
    if depth >= 2045:
        os.close(os.open(".", os.O_RDONLY))
'
SH
record deep -d -- unshare -m --propagation private sh "$WORK/deep.sh"
expect_eq "the command's status" 0 "$REC_RC"
expect_no_grep "no late read of /proc for a path too long" '/proc/[0-9]+/(cwd|fd/[0-9]+):' \
	"$WORK/deep.err"
"$BIN/strep" -y -e trace=openat,chdir "$WORK/deep.trc" >"$WORK/deep.txt" 2>&1
expect_eq "strep's status" 0 "$?"
fits=/mnt$(printf '/a%.0s' $(seq 2045))
# (the descriptor's number: 3, or 4 where the test inherited one more)
expect_eq "the deepest path that fits, named" 1 \
	"$(grep -cE "openat\(AT_FDCWD<$fits>, \"\.\", O_RDONLY\|O_CLOEXEC\) = [0-9]+<$fits>$" \
		"$WORK/deep.txt")"
expect_eq "one longer, named nowhere" 1 \
	"$(grep -cE '^[0-9]+ +openat\(AT_FDCWD, "\.", O_RDONLY\|O_CLOEXEC\) = [0-9]+$' "$WORK/deep.txt")"
finish
