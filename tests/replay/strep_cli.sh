#!/bin/sh
# strep's command line: usage errors exit 2 naming the bad word and the
# nearest real name, damaged traces exit 1 after the complete records.
# Usage: strep_cli.sh BINDIR
set -u
bindir=$1
strep=$bindir/strep
fail=0
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT

check() { # expected-status expected-stderr-substring args...
	want=$1 msg=$2
	shift 2
	"$strep" "$@" >"$dir/out" 2>"$dir/err"
	got=$?
	if [ "$got" != "$want" ] || ! grep -qF -- "$msg" "$dir/err"; then
		echo "FAIL: strep $*: status $got (want $want), stderr: $(cat "$dir/err")"
		fail=1
	fi
}

"$strep" --help >"$dir/out" 2>&1 && grep -q "Usage: strep" "$dir/out" || { echo "FAIL: --help"; fail=1; }
"$strep" --version | grep -q "strep" || { echo "FAIL: --version"; fail=1; }
check 2 "unknown option '--jsn' (did you mean '--json'?)" --jsn x.trc
check 2 "unknown syscall 'opnat' (did you mean 'openat'?)" --to_trace opnat x.trc
check 2 "--to_trace and --dont_trace cannot be combined" --to_trace read --dont_trace write x.trc
check 2 "unknown -e qualifier 'trac' (did you mean 'trace'?)" -e trac=read x.trc
check 2 "unknown status 'faild' (did you mean 'failed'?)" -e status=faild x.trc
check 2 "invalid signal 'SIGFOO'" -e signal=SIGFOO x.trc
check 2 "invalid signal ' '" --signal=' ' x.trc
check 2 "unknown personality in 'getcwd@16' (64, 32 or x32)" -e trace=getcwd@16 x.trc
check 2 "no trace file given" -tt
check 2 "invalid quiet 'exitz' (did you mean 'exit'?)" --quiet=exitz x.trc
check 2 "invalid descriptor '1-3'" -e read=1-3 x.trc
check 2 "invalid decode-fds 'pth' (did you mean 'path'?)" --decode-fds=pth x.trc
check 2 "invalid descriptor ''" -e write= x.trc
check 2 "invalid quiet 'atach' (did you mean 'attach'?)" -e quiet=atach x.trc
check 2 "invalid timestamps word 'xs'" --timestamps=unix,xs x.trc
check 2 "-t and --timestamps cannot be given together" -t --timestamps=ns x.trc
check 2 "--syscall-times: 'm' is not a precision" --syscall-times=m x.trc
check 1 "strep:" "$dir/missing.trc"
printf 'this is not a trace\n' >"$dir/junk.trc"
check 1 "strep:" "$dir/junk.trc"

if [ -x "$bindir/strec" ]; then
	"$bindir/strec" -q -o "$dir/t.trc" cat /etc/hostname >/dev/null 2>&1
	"$strep" "$dir/t.trc" >"$dir/full" || { echo "FAIL: strep of a good trace"; fail=1; }
	grep -qE 'openat\(AT_FDCWD, "/etc/hostname", O_RDONLY\) = [0-9]+$' "$dir/full" ||
		{ echo "FAIL: openat line missing"; cat "$dir/full"; fail=1; }
	# several names after --to_trace, the file first
	"$strep" "$dir/t.trc" --to_trace openat close >"$dir/sel" || fail=1
	if grep -qvE '^[0-9]+ +(openat|close)\(|\+\+\+' "$dir/sel"; then
		echo "FAIL: --to_trace openat close let other calls through"; fail=1
	fi
	# a cut-short trace: what is complete is printed, a warning or an error
	size=$(wc -c <"$dir/t.trc")
	head -c $((size * 2 / 3)) "$dir/t.trc" >"$dir/cut.trc"
	"$strep" "$dir/cut.trc" >"$dir/cut" 2>"$dir/cuterr"
	st=$?
	if [ "$st" -gt 1 ] || ! grep -q "strep:" "$dir/cuterr"; then
		echo "FAIL: truncated trace: status $st, stderr $(cat "$dir/cuterr")"; fail=1
	fi
	# strace's status=unavailable: returned, result unread; exit_group's "= ?"
	# is unfinished, not unavailable
	"$strep" -e 'status=!unavailable' "$dir/t.trc" | cmp -s - "$dir/full" ||
		{ echo "FAIL: -e status=!unavailable hid calls"; fail=1; }
	"$strep" -e status=unfinished "$dir/t.trc" | grep -q '^[0-9]* *exit_group(0) *= ?$' ||
		{ echo "FAIL: -e status=unfinished lacks exit_group"; fail=1; }
	# strace's long forms of -e KEY=SET, and personality qualifiers
	"$strep" --status=unfinished --raw=all "$dir/t.trc" >"$dir/long"
	"$strep" -e status=unfinished -e raw=all "$dir/t.trc" | cmp -s - "$dir/long" &&
		grep -q '^[0-9]* *exit_group(0) *= ?$' "$dir/long" ||
		{ echo "FAIL: --status= --raw= differ from -e status= -e raw="; fail=1; }
	"$strep" -e trace=close@64 "$dir/t.trc" | grep -q '^[0-9]* *close(' &&
		! "$strep" -e trace=close@32 "$dir/t.trc" | grep -q "close(" ||
		{ echo "FAIL: close@64 / close@32"; fail=1; }
	# strace's time options: format and precision (digits truncated, not rounded)
	ts() { "$strep" -e trace=execve "$@" "$dir/t.trc" | head -1; }
	same() { # options-a options-b: the same text
		[ "$(ts $1)" = "$(ts $2)" ] || { echo "FAIL: strep $1 differs from $2"; fail=1; }
	}
	like() { # regex options...
		re=$1
		shift
		ts "$@" | grep -qE "$re" || { echo "FAIL: strep $*: $(ts "$@") !~ $re"; fail=1; }
	}
	same -t --timestamps
	same -tt --timestamps=time,us
	same -ttt --absolute-timestamps=format:unix,precision:us
	same -T --syscall-times
	same -r --relative-timestamps=us
	like '^[0-9]+ +[0-9]{2}:[0-9]{2}:[0-9]{2} execve' -t
	like '^[0-9]+ +[0-9]{10}\.[0-9]{9} execve' --timestamps=unix,ns
	like '^[0-9]+ +[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} execve' --timestamps=precision:ms
	like '^[0-9]+ +[0-9]{10} execve' --timestamps=unix --timestamps=s
	like '^[0-9]+ +0\.000000000 execve' --relative-timestamps=ns
	like '^[0-9]+ +0 execve' --relative-timestamps=s
	like ' <[0-9]+\.[0-9]{9}>$' --syscall-times=ns
	like ' <[0-9]+>$' --syscall-times=s
	like '^[0-9]+ +[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} \(\+ +0\.000\) execve.* <[0-9]+\.[0-9]{3}>$' \
		--timestamps=ms --relative-timestamps=ms --syscall-times=ms
	ns=$(ts --timestamps=unix,ns | awk '{print $2}')
	ms=$(ts --timestamps=unix,ms | awk '{print $2}')
	[ "${ns%??????}" = "$ms" ] || { echo "FAIL: ms time $ms is not ns time $ns cut"; fail=1; }
	# --json and -o
	"$strep" --json -o "$dir/j" "$dir/t.trc" && head -1 "$dir/j" | grep -q '^{"type":' ||
		{ echo "FAIL: --json -o"; fail=1; }
	# --quiet=SET and -e quiet=SET, strace's names for what -q and -qq drop
	grep -q '^[0-9]* *+++ exited with 0 +++$' "$dir/full" || { echo "FAIL: no exit line"; fail=1; }
	for q in "--quiet=exit" "-e quiet=exits" "-qq" "--quiet=!attach,personality,superseded"; do
		# shellcheck disable=SC2086 # the options are two words for -e
		"$strep" $q "$dir/t.trc" >"$dir/q" || fail=1
		grep -q '+++ exited' "$dir/q" && { echo "FAIL: $q shows the exit"; fail=1; }
		grep -v '+++ exited' "$dir/full" | cmp -s - "$dir/q" || { echo "FAIL: $q"; fail=1; }
	done
	"$strep" --quiet=none "$dir/t.trc" | cmp -s - "$dir/full" || { echo "FAIL: --quiet=none"; fail=1; }
	# --decode-fds=SET: -y is path, none is nothing
	"$strep" -y "$dir/t.trc" >"$dir/y"
	for d in "--decode-fds" "--decode-fds=path" "-e decode-fds=path"; do
		# shellcheck disable=SC2086 # the options are two words for -e
		"$strep" $d "$dir/t.trc" | cmp -s - "$dir/y" || { echo "FAIL: $d is not -y"; fail=1; }
	done
	"$strep" --decode-fds=none "$dir/t.trc" | cmp -s - "$dir/full" || { echo "FAIL: --decode-fds=none"; fail=1; }
	# --info: the header and counts from a pass over the records
	"$strep" --info "$dir/t.trc" >"$dir/info" || { echo "FAIL: --info"; fail=1; }
	grep -qE '^command: +cat /etc/hostname$' "$dir/info" &&
		grep -qE '^syscalls: +[1-9][0-9]*$' "$dir/info" &&
		grep -qE '^execs: +1$' "$dir/info" && grep -qE '^complete: +yes$' "$dir/info" ||
		{ echo "FAIL: --info contents"; cat "$dir/info"; fail=1; }
	# -P: the open of the path and every call on its descriptor, nothing else
	"$strep" -P /etc/hostname "$dir/t.trc" >"$dir/p" || fail=1
	fd=$(sed -nE 's/^[0-9]+ +openat\(AT_FDCWD, "\/etc\/hostname".* = ([0-9]+)$/\1/p' "$dir/p")
	[ -n "$fd" ] && grep -qE "^[0-9]+ +read\\($fd, \"" "$dir/p" &&
		grep -qE "^[0-9]+ +close\\($fd\\)" "$dir/p" ||
		{ echo "FAIL: -P /etc/hostname misses calls"; cat "$dir/p"; fail=1; }
	if grep -E '^[0-9]+ +[a-z]' "$dir/p" | grep -qvE "hostname|\\(${fd}[,)]"; then
		echo "FAIL: -P let other calls through"; cat "$dir/p"; fail=1
	fi
	# -P through a symlink (/lib -> usr/lib on Debian): the calls on the
	# descriptor, which the kernel names by the target, as strace -P's
	lib=$(ls /lib/x86_64-linux-gnu/libc.so.6 2>/dev/null)
	if [ -n "$lib" ] && [ "$(readlink -f "$lib")" != "$lib" ] && command -v strace >/dev/null &&
		command -v setarch >/dev/null; then
		setarch -R strace -qq -o "$dir/p.strace" -P "$lib" cat "$lib" >/dev/null 2>&1
		setarch -R "$bindir/strec" -q -o "$dir/lib.trc" cat "$lib" >/dev/null 2>&1
		"$strep" -qq -P "$lib" "$dir/lib.trc" | sed -E 's/^[0-9]+ +//; s/\) +=/) =/' >"$dir/p.strep"
		sed -E 's/\) +=/) =/' "$dir/p.strace" >"$dir/p.strace.n"
		[ "$(grep -c '^read(' "$dir/p.strep")" -ge 2 ] && cmp -s "$dir/p.strace.n" "$dir/p.strep" ||
			{ echo "FAIL: -P $lib differs from strace -P:"; diff "$dir/p.strace.n" "$dir/p.strep" | head; fail=1; }
	fi
	# -P on the mount API's context descriptor: strace -P matches no
	# fsconfig/fsmount by it (only fsconfig's path value and its
	# directory or descriptor), the close of it yes
	if [ -x "$bindir/tp_fam_file" ] && command -v strace >/dev/null && command -v setarch >/dev/null; then
		mkdir -p "$dir/fc1" "$dir/fc2"
		ctx='anon_inode:[fscontext]'
		setarch -R strace -qq -o "$dir/fc.strace" -P "$ctx" "$bindir/tp_fam_file" "$dir/fc1" \
			>/dev/null 2>&1
		setarch -R "$bindir/strec" -q -o "$dir/fc.trc" "$bindir/tp_fam_file" "$dir/fc2" >/dev/null 2>&1
		"$strep" -qq -P "$ctx" "$dir/fc.trc" | sed -E 's/^[0-9]+ +//; s/\) +=/) =/' >"$dir/fc.strep"
		sed -E 's/\) +=/) =/' "$dir/fc.strace" >"$dir/fc.strace.n"
		grep -q '^close(' "$dir/fc.strep" && cmp -s "$dir/fc.strace.n" "$dir/fc.strep" ||
			{ echo "FAIL: -P $ctx differs from strace -P:"; diff "$dir/fc.strace.n" "$dir/fc.strep" | head; fail=1; }
	fi
	# -P through descriptors in poll's array and select's sets, one of
	# them inherited from before the recording (9, on /dev/full)
	if command -v strace >/dev/null && command -v setarch >/dev/null; then
		printf '%s\n' 'import select' 'select.select([9], [9], [], 0)' 'p = select.poll()' \
			'p.register(9, select.POLLOUT)' 'p.poll(0)' >"$dir/pp.py"
		setarch -R strace -qq -e signal=none -o "$dir/pp.strace" -P /dev/full \
			/usr/bin/python3 "$dir/pp.py" 9>>/dev/full
		setarch -R "$bindir/strec" -q -o "$dir/pp.trc" /usr/bin/python3 "$dir/pp.py" 9>>/dev/full
		"$strep" -qq -e signal=none -P /dev/full "$dir/pp.trc" |
			sed -E 's/^[0-9]+ +//; s/\) +=/) =/' >"$dir/pp.strep"
		sed -E 's/\) +=/) =/' "$dir/pp.strace" >"$dir/pp.strace.n"
		[ "$(grep -cE '^(pselect6|select|poll)\(' "$dir/pp.strep")" -ge 2 ] &&
			cmp -s "$dir/pp.strace.n" "$dir/pp.strep" ||
			{ echo "FAIL: -P on poll/select descriptors differs from strace -P:"
			  diff "$dir/pp.strace.n" "$dir/pp.strep" | head; fail=1; }
	fi
	# --interleaved: rejoining each "<unfinished ...>" line with its
	# "<... name resumed>" gives back the default view, task by task
	if [ -x "$bindir/tp_threads" ]; then
		"$bindir/strec" -q -o "$dir/th.trc" "$bindir/tp_threads" >/dev/null 2>&1
		"$strep" "$dir/th.trc" >"$dir/whole" || fail=1
		"$strep" --interleaved "$dir/th.trc" >"$dir/split" || fail=1
		/usr/bin/python3 - "$dir/whole" "$dir/split" <<'PY' || fail=1
import re, sys
def by_task(lines):
    out = {}
    for line in lines:
        m = re.match(r"^(\d+) +(.*)$", line)
        out.setdefault(m.group(1), []).append(re.sub(r"\) +=", ") =", m.group(2)))
    return out
whole = by_task(open(sys.argv[1]).read().splitlines())
split = by_task(open(sys.argv[2]).read().splitlines())
cuts = 0
for tid, lines in split.items():
    joined, pending = [], None
    for line in lines:
        r = re.match(r"^<\.\.\. (\w+) resumed>(.*)$", line)
        if r:
            assert pending and pending.startswith(r.group(1) + "("), (tid, pending, line)
            joined.append(pending + r.group(2))
            pending = None
        elif line.endswith(" <unfinished ...>"):
            assert pending is None, (tid, pending, line)
            pending = line[: -len(" <unfinished ...>")]
            cuts += 1
        else:
            assert pending is None or line.startswith("+++"), (tid, pending, line)
            if pending is not None:  # the task died in the call: strace's "= ?"
                joined.append(pending + ") = ?")
                pending = None
            joined.append(line)
    joined = [re.sub(r"\) +=", ") =", l) for l in joined]
    # A decoder that adds " => new value" to an input argument at exit
    # (clone3) cannot take back what the entry printed after it: the
    # resumed half starts at the " =>", as strace's does.
    keep = [i for i, l in enumerate(whole[tid]) if " => " not in l]
    assert len(joined) == len(whole[tid]), (tid, len(joined), len(whole[tid]))
    joined = [joined[i] for i in keep]
    whole[tid] = [whole[tid][i] for i in keep]
    assert joined == whole[tid], "task %s: %s" % (tid, [(a, b) for a, b in zip(joined, whole[tid]) if a != b][:3])
assert cuts > 0, "8 threads and not one interleaved call"
PY
		[ $? = 0 ] || echo "FAIL: --interleaved does not rejoin to the default view"
	fi
	# --ff: one file per task, the same lines as --pid TID without the pid
	"$bindir/strec" -q -o "$dir/f.trc" sh -c 'cat /etc/hostname; true' >/dev/null 2>&1
	"$strep" --ff "$dir/ff" "$dir/f.trc" || { echo "FAIL: --ff"; fail=1; }
	n=0
	for file in "$dir"/ff/trace.*; do
		tid=${file##*.}
		# the results are aligned to column 40 with or without a pid
		"$strep" --pid "$tid" "$dir/f.trc" | sed -E 's/^[0-9]+ +//; s/\) +=/) =/' >"$dir/one"
		sed -E 's/\) +=/) =/' "$file" >"$dir/other"
		cmp -s "$dir/one" "$dir/other" || { echo "FAIL: --ff file of $tid differs"; fail=1; }
		n=$((n + 1))
	done
	[ "$n" -ge 2 ] || { echo "FAIL: --ff wrote $n files for sh and cat"; fail=1; }
	# -ff -o PREFIX: strace's PREFIX.TID files, the same as --ff's, and
	# the same calls in each as strace's own files of that command
	"$strep" -ff -o "$dir/pff" "$dir/f.trc" || { echo "FAIL: -ff -o"; fail=1; }
	for file in "$dir"/ff/trace.*; do
		cmp -s "$file" "$dir/pff.${file##*.}" || { echo "FAIL: -ff -o PREFIX: $file differs"; fail=1; }
	done
	[ "$(ls "$dir"/pff.* | wc -l)" = "$n" ] || { echo "FAIL: -ff -o wrote $(ls "$dir"/pff.*)"; fail=1; }
	"$strep" "$dir/f.trc" >"$dir/full.f"
	"$strep" -ff "$dir/f.trc" | cmp -s - "$dir/full.f" || { echo "FAIL: -ff without -o is not -f"; fail=1; }
	check 2 "give -o PREFIX, not -" -ff -o - "$dir/f.trc"
	if command -v strace >/dev/null 2>&1; then
		strace -ff -o "$dir/sff" sh -c 'cat /etc/hostname; true' >/dev/null 2>&1
		/usr/bin/python3 - "$dir/sff" "$dir/pff" <<'PY' || { echo "FAIL: -ff -o against strace -ff -o"; fail=1; }
import glob, itertools, re, sys
def calls(prefix):
    # each task's file by what it ran first, its calls by name; not where
    # sh's SIGCHLD handler ran (rt_sigreturn), which the child's exit
    # decides, nor how often a wait4 it interrupted was restarted
    out = {}
    for path in glob.glob(prefix + ".*"):
        names = [m.group(1) for m in map(re.compile(r"^(\w+)\(").match, open(path)) if m]
        names = [k for k, _ in itertools.groupby(n for n in names if n != "rt_sigreturn")]
        out["sh" if names[:1] == ["execve"] and "sh" in open(path).readline() else "child"] = names
    return out
a, b = calls(sys.argv[1]), calls(sys.argv[2])
assert a == b, (a, b)
PY
	fi
fi
# -c, -C: strace's summary table, which strstat makes: strep runs the
# strstat next to it with the same selection
if [ -x "$bindir/strec" ] && [ -x "$bindir/strstat" ]; then
	"$bindir/strec" -q -o "$dir/c.trc" sh -c 'cat /etc/hostname; ls /nonexistent; true' >/dev/null 2>&1
	"$bindir/strstat" "$dir/c.trc" >"$dir/c.stat" || fail=1
	"$strep" -c "$dir/c.trc" | cmp -s - "$dir/c.stat" || { echo "FAIL: -c is not strstat's table"; fail=1; }
	"$strep" -c -w -f "$dir/c.trc" | cmp -s - "$dir/c.stat" || { echo "FAIL: -c -w -f"; fail=1; }
	"$bindir/strstat" -S calls -e trace=%file -Z "$dir/c.trc" >"$dir/c.stat2" || fail=1
	"$strep" -Z -S calls -c -e trace=%file "$dir/c.trc" | cmp -s - "$dir/c.stat2" ||
		{ echo "FAIL: -c with -S, -e and -Z"; fail=1; }
	"$strep" -c -o "$dir/c.out" "$dir/c.trc" && cmp -s "$dir/c.out" "$dir/c.stat" ||
		{ echo "FAIL: -c -o"; fail=1; }
	"$strep" -c - <"$dir/c.trc" | cmp -s - "$dir/c.stat" || { echo "FAIL: -c from stdin"; fail=1; }
	# -C: the trace as strep prints it, then the table
	{ "$strep" -tt -e trace=%file "$dir/c.trc" && "$bindir/strstat" -e trace=%file "$dir/c.trc"; } >"$dir/C.want"
	"$strep" -C -tt -e trace=%file "$dir/c.trc" | cmp -s - "$dir/C.want" || { echo "FAIL: -C"; fail=1; }
	"$strep" -C -tt -e trace=%file - <"$dir/c.trc" | cmp -s - "$dir/C.want" || { echo "FAIL: -C from stdin"; fail=1; }
	"$bindir/strstat" -U max-time,name,calls,errors,min-time -S count "$dir/c.trc" >"$dir/c.statU" || fail=1
	"$strep" -c -U max-time,name,calls,errors,min-time -S count "$dir/c.trc" | cmp -s - "$dir/c.statU" ||
		{ echo "FAIL: -c -U"; fail=1; }
	check 2 "unknown column name 'cals' (did you mean 'calls'?)" -c -U cals "$dir/c.trc"
	check 2 "-c and -C cannot be combined" -c -C "$dir/c.trc"
	check 2 "-C reads the trace twice" -C - </dev/null
	check 2 "invalid sortby 'bogus'" -c -S bogus "$dir/c.trc"
	# without strstat next to it, -c says so
	mkdir "$dir/alone" && cp "$strep" "$dir/alone/strep"
	"$dir/alone/strep" -c "$dir/c.trc" >/dev/null 2>"$dir/alone.err"
	[ $? = 1 ] && grep -q "strstat is installed next to strep" "$dir/alone.err" ||
		{ echo "FAIL: -c without strstat: $(cat "$dir/alone.err")"; fail=1; }
	# calls and errors as strace -f -c counts them for the same command
	if command -v strace >/dev/null 2>&1; then
		cmd='cat /etc/hostname; ls /nonexistent; true'
		strace -f -c -o "$dir/c.strace" sh -c "$cmd" >/dev/null 2>&1
		"$strep" -c "$dir/c.trc" >"$dir/c.strep"
		# -U: strace's header, and its columns' values where they do not vary
		strace -f -c -U max-time,name,calls,errors -o "$dir/cU.strace" sh -c "$cmd" >/dev/null 2>&1
		"$strep" -c -U max-time,name,calls,errors "$dir/c.trc" >"$dir/cU.strep"
		/usr/bin/python3 - "$dir" <<'PY' || { echo "FAIL: -c against strace -c"; fail=1; }
import re, sys
d = sys.argv[1]
def table(path):
    """The header line and {syscall: (calls, errors)}, cells cut where the
    rule under the header says (an errors cell is blank for none)."""
    lines = open(path).read().splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    heads = [lines[0][a:b].strip() if k + 1 < len(spans) else lines[0][a:].strip()
             for k, (a, b) in enumerate(spans)]
    rows = {}
    for line in lines[2:lines.index(lines[1], 2)]:
        cell = {h: line[a:b].strip() for h, (a, b) in zip(heads, spans)}
        cell["syscall"] = line[spans[heads.index("syscall")][0]:].split()[0]
        rows[cell["syscall"]] = (int(cell["calls"]), int(cell["errors"] or 0))
    return lines[0], rows
for suffix in ("", "U"):
    (ha, a), (hb, b) = (table("%s/c%s.%s" % (d, suffix, t)) for t in ("strace", "strep"))
    assert ha == hb, (ha, hb)
    assert a == b, {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
PY
	fi
fi

# until COMMAND succeeds, for up to 20 s (a loaded machine is slow)
wait_until() {
	n=0
	until "$@"; do
		n=$((n + 1))
		[ $n -lt 200 ] || return 1
		sleep 0.1
	done
}

# A call in progress when the tracer detaches ends as strace ends it, with
# " <detached ...>" after what the entry printed, and the attach and detach
# are told on stderr, not in the trace: cat blocked in read(0, ...) is
# attached to by strace, then by strec, and the two tell the same. Both
# engines: ptrace sees the call enter again, bpf finds it in /proc.
engines=ptrace
"$bindir/strec" -q --backend=bpf -o "$dir/probe.trc" true 2>/dev/null && engines="ptrace bpf"
if [ -x "$bindir/strec" ] && command -v strace >/dev/null 2>&1; then
	mkfifo "$dir/fifo"
	cat <"$dir/fifo" >/dev/null &
	catpid=$!
	exec 9>"$dir/fifo" # a writer that never writes: cat stays in read
	wait_until grep -q '^0 ' "/proc/$catpid/syscall" 2>/dev/null
	strace -o "$dir/attach.strace" -p "$catpid" 2>"$dir/attach.strace.err" &
	tracer=$!
	wait_until grep -q '^read(0, ' "$dir/attach.strace" 2>/dev/null
	kill -INT "$tracer"
	wait "$tracer"
	for engine in $engines; do
		t=$dir/attach-$engine
		"$bindir/strec" -q --backend=$engine -o "$t.trc" -p "$catpid" &
		tracer=$!
		wait_until sh -c '"$1" "$2" 2>/dev/null | grep -q "read(0, "' - "$strep" "$t.trc"
		kill -INT "$tracer"
		wait "$tracer"
		"$strep" "$t.trc" >"$t.strep" 2>"$t.strep.err"
		sed -E 's/^[0-9]+ +//' "$t.strep" | cmp -s - "$dir/attach.strace" ||
			{ echo "FAIL: detach ($engine): strace $(cat "$dir/attach.strace"), strep $(cat "$t.strep")"; fail=1; }
		sed 's/^strace:/strep:/' "$dir/attach.strace.err" | cmp -s - "$t.strep.err" ||
			{ echo "FAIL: attach messages ($engine): strace $(cat "$dir/attach.strace.err"), strep $(cat "$t.strep.err")"; fail=1; }
		"$strep" -q "$t.trc" 2>"$t.q.err" >/dev/null
		[ -s "$t.q.err" ] && { echo "FAIL: -q ($engine): $(cat "$t.q.err")"; fail=1; }
		# -e status=detached selects it, unfinished does not (strace's statuses)
		[ "$("$strep" -q -e status=detached "$t.trc" | wc -l)" = 1 ] &&
			[ "$("$strep" -q -e status=unfinished "$t.trc" | wc -l)" = 0 ] ||
			{ echo "FAIL: -e status=detached ($engine)"; fail=1; }
	done
	exec 9>&-
	wait "$catpid"
fi

# A trace recorded with a filter reads as strace would have shown it: no
# lifecycle calls strec kept for its bookkeeping (execve, exit_group); an
# explicit filter replaces the recorded one; strstat counts the same.
if [ -x "$bindir/strec" ] && command -v strace >/dev/null 2>&1 && command -v setarch >/dev/null; then
	setarch -R strace -f -qq -o "$dir/rf.strace" -e trace=openat,read sh -c 'cat /etc/hostname' >/dev/null 2>&1
	setarch -R "$bindir/strec" -q -o "$dir/rf.trc" --to_trace openat read -- sh -c 'cat /etc/hostname' \
		>/dev/null 2>&1
	norm() { sed -E 's/^[0-9]+ +//; s/\) +=/) =/; s/si_pid=[0-9]+/si_pid=P/; s/si_([us])time=[0-9]+( \/\* [0-9.]+ s \*\/)?/si_\1time=T/g' "$@"; }
	"$strep" -qq "$dir/rf.trc" | norm >"$dir/rf.strep"
	norm "$dir/rf.strace" >"$dir/rf.strace.n"
	grep -q '^openat(' "$dir/rf.strep" && cmp -s "$dir/rf.strace.n" "$dir/rf.strep" ||
		{ echo "FAIL: the recorded filter, against strace -e trace=openat,read:"
		  diff "$dir/rf.strace.n" "$dir/rf.strep" | head; fail=1; }
	[ "$("$strep" -qq -e trace=execve "$dir/rf.trc" | grep -c 'execve(')" = 2 ] ||
		{ echo "FAIL: an explicit filter does not replace the recorded one"; fail=1; }
	"$bindir/strstat" "$dir/rf.trc" | awk '$NF != "total" && NF >= 5 && $1 ~ /^[0-9.]+$/ {print $NF}' |
		sort >"$dir/rf.names"
	[ "$(tr '\n' ' ' <"$dir/rf.names")" = "openat read " ] ||
		{ echo "FAIL: strstat counts calls outside the recorded filter: $(cat "$dir/rf.names")"; fail=1; }
fi

# --pid of a process the trace does not have: said, and an error when no
# --pid was there (strace -p of a missing pid fails too)
if [ -s "$dir/rf.trc" ]; then
	pid=$("$strep" "$dir/rf.trc" | sed -n '1s/^\([0-9]*\) .*/\1/p')
	for tool in strep strstat; do
		"$bindir/$tool" --pid 4194303 "$dir/rf.trc" >/dev/null 2>"$dir/np.err"
		rc=$?
		[ $rc = 1 ] && grep -q "^$tool: --pid: no process 4194303 in the trace\$" "$dir/np.err" ||
			{ echo "FAIL: $tool --pid missing: exit $rc, $(cat "$dir/np.err")"; fail=1; }
		"$bindir/$tool" --pid "$pid,4194303" "$dir/rf.trc" >"$dir/np.out" 2>"$dir/np.err"
		rc=$?
		[ $rc = 0 ] && [ -s "$dir/np.out" ] && grep -q "^$tool: warning: --pid: no process 4194303 in" "$dir/np.err" ||
			{ echo "FAIL: $tool --pid $pid,4194303: exit $rc, $(cat "$dir/np.err")"; fail=1; }
	done
fi

# --info's command line is one a shell reads back as the same words
if [ -x "$bindir/strec" ]; then
	"$bindir/strec" -q -o "$dir/q.trc" sh -c 'echo "a b" '"'"'c'"'"'' >/dev/null 2>&1
	"$strep" --info "$dir/q.trc" >"$dir/q.info"
	line=$(sed -n 's/^command: *//p' "$dir/q.info")
	words=$(eval "set -- $line; printf '<%s>' \"\$@\"")
	[ "$words" = "<sh><-c><echo \"a b\" 'c'>" ] ||
		{ echo "FAIL: --info command: $line (words $words)"; fail=1; }
fi

# --pidns-translation: a process in a pid namespace of its own names itself 1;
# kcmp of its own descriptors still names them (-y), the pid translated
# (the ptrace engine reads the ids from /proc, the bpf engine in the kernel);
# setsid's session too
if [ -x "$bindir/strec" ] && unshare --pid --fork true 2>/dev/null; then
	for engine in $engines; do
		"$bindir/strec" -q --backend=$engine -o "$dir/ns-$engine.trc" unshare --pid --fork python3 -S -c '
import ctypes, os
libc = ctypes.CDLL("libc.so.6", use_errno=True)
fd = os.open("/dev/null", os.O_RDONLY)
libc.syscall(312, os.getpid(), os.getpid(), 0, fd, fd)  # kcmp KCMP_FILE
os.setsid()
os.getsid(0)
' >/dev/null 2>&1
		"$strep" -y --pidns-translation -e trace=kcmp,getsid "$dir/ns-$engine.trc" >"$dir/ns-$engine.out"
		grep -Eq '^[0-9]+ +kcmp\(1 /\* [0-9]+ in strace.s PID NS \*/, 1 /\* [0-9]+ in strace.s PID NS \*/, KCMP_FILE, ([0-9]+)</dev/null>, \1</dev/null>\) += 0$' "$dir/ns-$engine.out" ||
			{ echo "FAIL: kcmp in a pid namespace ($engine): $(cat "$dir/ns-$engine.out")"; fail=1; }
		grep -Eq '^[0-9]+ +getsid\(0\) += 1 /\* [0-9]+ in strace.s PID NS \*/$' "$dir/ns-$engine.out" ||
			{ echo "FAIL: getsid in a pid namespace ($engine): $(cat "$dir/ns-$engine.out")"; fail=1; }
	done
fi

# strec itself in a pid namespace of its own, under the /proc of the one
# above (no --mount-proc): the working directory and the descriptors (-y)
# still of the traced processes, not of the processes that have their ids
# in /proc's namespace
if [ -x "$bindir/strec" ] && unshare --pid --fork true 2>/dev/null; then
	: >"$dir/nsfile"
	strec_abs=$(cd "$bindir" && pwd)/strec
	(cd "$dir" && unshare --pid --fork "$strec_abs" -q -o "$dir/ns2.trc" \
		sh -c 'exec 3<nsfile; cat <&3') >/dev/null 2>&1
	"$strep" -y -e trace=openat "$dir/ns2.trc" >"$dir/ns2.out"
	grep -F "openat(AT_FDCWD<$dir>, \"nsfile\", O_RDONLY) = " "$dir/ns2.out" |
		grep -Fq "<$dir/nsfile>" ||
		{ echo "FAIL: -y under strec in a pid namespace: $(cat "$dir/ns2.out")"; fail=1; }
fi

[ $fail = 0 ] && echo "strep_cli: ok"
exit $fail
