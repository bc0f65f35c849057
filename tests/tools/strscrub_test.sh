#!/bin/sh
# strscrub on a real trace: no byte of a buffer written by the traced
# command survives, paths are masked only when asked, argv/env/pids are
# dropped when asked, strep and strstat read the copy, --info says how it
# was scrubbed, and bad usage / bad input give status 2 / 1.
# Usage: strscrub_test.sh BINDIR WORKDIR. Exit 77 (skip) without ptrace.
set -u
bin=$1
dir=$2
rm -rf "$dir" && mkdir -p "$dir" || exit 1
fail=0
no() { echo "FAIL: $*"; fail=1; }

"$bin/strec" -q --env -o "$dir/t.trc" sh -c 'echo SECRET123 > /dev/null; cat /etc/hostname >/dev/null; (cat /etc/passwd >/dev/null)' \
	>/dev/null 2>"$dir/rec.err"
[ -s "$dir/t.trc" ] || { echo "SKIP: cannot record: $(cat "$dir/rec.err")"; exit 77; }
"$bin/strep" "$dir/t.trc" >"$dir/t.txt" || no "strep on the original"
grep -q 'write(1, "SECRET123\\n", 10)' "$dir/t.txt" || no "the original lacks the secret write"

# default: buffers gone, paths kept, argv kept
"$bin/strscrub" "$dir/t.trc" -o "$dir/s.trc" || no "strscrub exit $?"
"$bin/strep" "$dir/s.trc" >"$dir/s.txt" 2>"$dir/s.err" || no "strep on the copy: $(cat "$dir/s.err")"
[ -s "$dir/s.err" ] && no "strep warns on the copy: $(cat "$dir/s.err")"
grep -q 'write(1, ""\.\.\., 10) *= 10' "$dir/s.txt" || no "write's buffer not shown as scrubbed"
grep 'write(' "$dir/s.txt" | grep -q SECRET123 && no "the secret survives in a write"
grep -q 'openat(AT_FDCWD, "/etc/hostname"' "$dir/s.txt" || no "paths not kept by default"
grep -q 'read(3, "root' "$dir/s.txt" && no "read buffer survives"
[ "$(grep -c . "$dir/t.txt")" = "$(grep -c . "$dir/s.txt")" ] || no "the copy has other events"
"$bin/strep" --json "$dir/s.trc" >/dev/null || no "strep --json on the copy"
"$bin/strstat" "$dir/s.trc" >"$dir/s.stat" || no "strstat on the copy"
grep -q ' write$' "$dir/s.stat" || no "strstat misses the writes"
"$bin/strep" --info "$dir/s.trc" >"$dir/s.info" || no "strep --info"
grep -q '^scrubbed: .*buffer contents dropped' "$dir/s.info" || no "--info does not say scrubbed"
"$bin/strep" --info "$dir/t.trc" | grep -q scrubbed && no "--info of the original says scrubbed"

# everything: no trace of the secret at all, paths masked, env gone
"$bin/strscrub" "$dir/t.trc" -o "$dir/a.trc" --mask-paths '/etc/*' --mask-paths '/nothing/*' \
	--drop-argv --drop-env || no "strscrub --drop-argv exit $?"
"$bin/strep" -v -s 100000 "$dir/a.trc" >"$dir/a.txt" || no "strep on the full scrub"
grep -q SECRET123 "$dir/a.txt" && no "the secret survives --drop-argv"
if command -v zstd >/dev/null; then
	zstd -qdc "$dir/a.trc" | grep -aq SECRET123 && no "the secret is in the decompressed copy"
	zstd -qdc "$dir/a.trc" | grep -aq 'PATH=' && no "the environment is in the copy"
fi
grep -q '"/etc/hostname"' "$dir/a.txt" && no "path not masked"
grep -q 'openat(AT_FDCWD, "/etc/\*\*", O_RDONLY)' "$dir/a.txt" || no "no masked path"
grep -q '"/usr/bin/cat"' "$dir/a.txt" || no "a path not matching the globs was masked"
# -y names descriptors from what the kernel said: masked alike, kept otherwise
"$bin/strep" -y "$dir/a.trc" >"$dir/ay.txt" || no "strep -y on the full scrub"
grep -q '</etc/hostname>' "$dir/ay.txt" && no "a descriptor's path escaped --mask-paths"
grep -qE '= [0-9]+</etc/\*+>' "$dir/ay.txt" || no "no masked descriptor path"
"$bin/strep" -y "$dir/s.trc" | grep -q '</etc/hostname>' || no "descriptor paths lost by a plain scrub"
"$bin/strep" --info "$dir/a.trc" >"$dir/a.info"
grep -q 'argv dropped, environment dropped' "$dir/a.info" || no "--info: argv/env"
grep -q '^masked paths: *\/etc\/\*$' "$dir/a.info" || no "--info: masks"
grep -q '^environment: *not recorded' "$dir/a.info" || no "--info: env still recorded"
"$bin/strstat" "$dir/a.trc" >/dev/null || no "strstat on the full scrub"

# --drop-pid: the subshell that cats /etc/passwd goes, with all its records
pid=$(grep 'openat(AT_FDCWD, "/etc/passwd"' "$dir/t.txt" | awk '{print $1}')
[ -n "$pid" ] || no "no pid for the subshell"
"$bin/strscrub" "$dir/t.trc" -o "$dir/p.trc" --drop-pid "$pid" || no "--drop-pid exit $?"
"$bin/strep" "$dir/p.trc" >"$dir/p.txt" || no "strep after --drop-pid"
grep -q "^$pid " "$dir/p.txt" && no "records of $pid remain"
grep -q 'passwd' "$dir/p.txt" && no "the dropped process's calls remain"
"$bin/strep" --info "$dir/p.trc" | grep -q "^dropped pids: *$pid$" || no "--info: dropped pids"
# scrubbing twice keeps what both runs did
"$bin/strscrub" "$dir/p.trc" -o "$dir/pp.trc" --drop-argv || no "second scrub"
"$bin/strep" --info "$dir/pp.trc" | grep -q "^dropped pids: *$pid$" || no "second scrub forgot pids"

# --mask-paths covers every string that names a matching path: a sh -c
# command, the header's command and strec's own argv, the environment;
# --drop-hostname drops the machine's name
host=$(hostname)
mkdir -p "$dir/w" && echo hush >"$dir/w/secret-name.txt"
"$bin/strec" -q --env -o "$dir/m.trc" sh -c "cat $dir/w/secret-name.txt >/dev/null; X=$dir/w/secret-name.txt true" \
	>/dev/null 2>&1 || no "strec sh -c cat"
SECRET_PATH=$dir/w/secret-name.txt "$bin/strec" -q --env -o "$dir/m2.trc" -- true \
	--input=$dir/w/secret-name.txt >/dev/null 2>&1 || no "strec true --input="
for t in m m2; do
	"$bin/strscrub" "$dir/$t.trc" -o "$dir/$t.s.trc" --mask-paths "$dir/w/*" --drop-hostname ||
		no "$t: strscrub --mask-paths exit $?"
	if command -v zstd >/dev/null; then
		zstd -qdc "$dir/$t.s.trc" | grep -aq 'secret-name' && no "$t: a masked path survives in the file"
		# (a short name such as "vm" could be in any trace)
		[ ${#host} -ge 6 ] && zstd -qdc "$dir/$t.s.trc" | grep -aqF "$host" &&
			no "$t: the hostname survives --drop-hostname"
		zstd -qdc "$dir/$t.trc" | grep -aq 'secret-name' || no "$t: the original does not name the path"
	fi
	"$bin/strep" -v -s 4096 "$dir/$t.s.trc" >"$dir/$t.s.txt" || no "$t: strep on the masked copy"
	"$bin/strep" --info "$dir/$t.s.trc" >"$dir/$t.s.info" || no "$t: strep --info on the masked copy"
	grep -q 'secret-name' "$dir/$t.s.txt" "$dir/$t.s.info" && no "$t: a masked path is printed"
	# (printed only when the header has no hostname left)
	grep -qx "hostname: *(dropped by strscrub)" "$dir/$t.s.info" &&
		grep -q "^scrubbed: .*, hostname dropped" "$dir/$t.s.info" ||
		no "$t: --info does not say the hostname was dropped"
done
grep -q "cat $dir/w/\*\* >/dev/null" "$dir/m.s.txt" || no "sh -c string: path not masked in place"
grep -q -- "--input=$dir/w/\*\*" "$dir/m2.s.info" || no "header command: path not masked in place"

# every family's decoders on a scrubbed trace, with -v: no argument vanishes
mkdir -p "$dir/fam"
for prog in "$bin"/tp_fam_*; do
	name=$(basename "$prog")
	# one run of a program at a time (tests/replay/difftest.py's exclusive()):
	# the lock is opened for reading (another user's file in sticky /tmp
	# cannot be opened with O_CREAT) and not handed to strec and the program
	lock=/tmp/strec-tests.$name.lock
	[ -e "$lock" ] || : 2>/dev/null >>"$lock"
	exec 9<"$lock" || no "$name: cannot open $lock"
	flock 9
	"$bin/strec" -q -o "$dir/$name.trc" "$prog" "$dir/fam" >/dev/null 2>&1 9<&-
	exec 9<&-
	"$bin/strscrub" "$dir/$name.trc" -o "$dir/$name.s.trc" || no "$name: strscrub exit $?"
	"$bin/strep" -v "$dir/$name.trc" >"$dir/$name.txt" 2>&1
	"$bin/strep" -v "$dir/$name.s.trc" >"$dir/$name.s.txt" 2>&1
	python3 "$(dirname "$0")/scrub_args.py" "$dir/$name.txt" "$dir/$name.s.txt" || no "$name: decoders of scrubbed calls"
done

# usage and runtime errors
"$bin/strscrub" "$dir/t.trc" 2>"$dir/e" ; [ $? = 2 ] || no "no -o: not 2"
grep -q '^strscrub: ' "$dir/e" || no "no 'strscrub:' message"
"$bin/strscrub" "$dir/t.trc" -o "$dir/t.trc" 2>/dev/null; [ $? = 2 ] || no "in = out: not 2"
"$bin/strscrub" --bogus "$dir/t.trc" -o "$dir/x.trc" 2>/dev/null; [ $? = 2 ] || no "bad option: not 2"
"$bin/strscrub" --drop-pid x "$dir/t.trc" -o "$dir/x.trc" 2>/dev/null; [ $? = 2 ] || no "bad pid: not 2"
"$bin/strscrub" "$dir/none.trc" -o "$dir/x.trc" 2>/dev/null; [ $? = 1 ] || no "missing input: not 1"
head -c $(($(wc -c <"$dir/t.trc") / 2)) "$dir/t.trc" >"$dir/cut.trc"
"$bin/strscrub" "$dir/cut.trc" -o "$dir/cut.out" 2>"$dir/e"; [ $? = 0 ] || no "cut input: not 0"
grep -q 'warning' "$dir/e" || no "cut input: no warning"
"$bin/strep" "$dir/cut.out" >/dev/null 2>&1 || no "strep on the copy of a cut trace"
"$bin/strscrub" "$dir/t.trc" -o "$dir/t.trc.out" >/dev/null
[ -e "$dir/t.trc" ] || no "input gone"

[ $fail = 0 ] && echo "ok"
exit $fail
