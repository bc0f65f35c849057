#!/bin/sh
# Every line of strep --json must parse as a JSON object with the expected
# keys, including strings with control characters and non-UTF-8 bytes.
# Usage: json_valid.sh BINDIR. Exit 77 (skip) without strec.
set -u
bindir=$1
[ -x "$bindir/strec" ] && [ -x "$bindir/strep" ] || { echo "SKIP: no strec"; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
# printf writes control characters and bytes that are not UTF-8
"$bindir/strec" -q -o "$dir/t.trc" sh -c 'printf "a\001b\377c\"\\\n\t"; ls / ; cat /nonexistent' \
	>/dev/null 2>&1
"$bindir/strep" --json "$dir/t.trc" >"$dir/out.json" || { echo "strep --json failed"; exit 1; }
/usr/bin/python3 - "$dir/out.json" <<'PY'
import json, sys
n = 0
kinds = set()
with open(sys.argv[1], "rb") as f:
    for i, raw in enumerate(f, 1):
        line = raw.decode("utf-8")  # must be valid UTF-8
        obj = json.loads(line)
        assert isinstance(obj, dict), "line %d: not an object" % i
        for k in ("type", "pid", "tid", "ts_ns", "ts"):
            assert k in obj, "line %d: no %s" % (i, k)
        kinds.add(obj["type"])
        if obj["type"] == "syscall":
            for k in ("syscall", "nr", "args", "raw_args", "rval"):
                assert k in obj, "line %d: no %s" % (i, k)
            assert isinstance(obj["args"], list)
            if obj.get("errno"):
                assert obj["rval"] < 0
        n += 1
assert n > 10, "too few events: %d" % n
assert "syscall" in kinds and "exit" in kinds, kinds
# exec events name the program that was executed (sh, then ls and cat)
execs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if '"type":"exec"' in l]
exes = [e.get("exe", "") for e in execs]
assert len(execs) >= 3 and all(exes), "exec without exe: %r" % exes
assert any(x.endswith("/ls") for x in exes) and any(x.endswith("/cat") for x in exes), exes
# the write of the odd bytes is there, as a string
writes = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if '"syscall":"write"' in l]
assert any("\u0001" in str(w["args"][1]) for w in writes), "control char lost"
print("json: %d valid lines" % n)
PY
