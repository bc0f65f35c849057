#!/bin/bash
# docs/analytics.md's DuckDB recipes on 100 recorded traces from four hosts
# (hostnames set in UTS namespaces where unshare can; else one host):
# the blocks run as written, through npm's @duckdb/node-api installed at
# test time into WORK (never committed), and their answers are checked
# against the JSON itself. Exit 77 (skip) with a reason where node, npm or
# the package is not to be had.
# usage: analytics.sh BINDIR DOCS_ANALYTICS_MD TESTDIR WORK
set -u
bindir=$1 doc=$2 testdir=$3 work=$4
skip() { echo "SKIP: $*"; exit 77; }
command -v node >/dev/null || skip "no node (apt-get install nodejs npm)"
mkdir -p "$work"
npm_dir=$work/npm
if [ ! -d "$npm_dir/node_modules/@duckdb/node-api" ]; then
	command -v npm >/dev/null || skip "no npm (apt-get install npm)"
	mkdir -p "$npm_dir"
	# a package.json of its own: npm installs here, not in a parent's project
	[ -f "$npm_dir/package.json" ] || echo '{"private": true}' >"$npm_dir/package.json"
	if ! (cd "$npm_dir" && timeout 600 npm install --no-audit --no-fund --silent \
		@duckdb/node-api >npm.log 2>&1); then
		skip "npm could not install @duckdb/node-api: $(tail -n 3 "$npm_dir/npm.log" | tr '\n' ' ')"
	fi
fi
cp "$testdir/analytics_sql.mjs" "$npm_dir/" || exit 1

data=$work/data
rm -rf "$data"
mkdir -p "$data/traces" "$data/events" "$data/stats"
hosts=1
unshare -u true 2>/dev/null && hosts=4
for i in $(seq 1 100); do
	trc=$data/traces/t$i.trc
	prog="cat /nonexistent-$i; ls / >/dev/null; exit $((i % 3))"
	if [ "$hosts" = 4 ]; then
		unshare -u sh -c "hostname host$((i % 4)) && exec \"\$0\" -q -o \"\$1\" sh -c \"\$2\"" \
			"$bindir/strec" "$trc" "$prog" >/dev/null 2>&1
	else
		"$bindir/strec" -q -o "$trc" sh -c "$prog" >/dev/null 2>&1
	fi
	[ -s "$trc" ] || { echo "FAIL: no trace $trc"; exit 1; }
done
# the export, as docs/analytics.md writes it
for t in "$data"/traces/*.trc; do
	name=$(basename "$t" .trc)
	"$bindir/strep" --json --with-trace-id "$t" >"$data/events/$name.jsonl" || exit 1
	"$bindir/strstat" --processes --json --with-trace-id "$t" >"$data/stats/$name.json" || exit 1
done
(cd "$data" && NODE_PATH=$npm_dir/node_modules node "$npm_dir/analytics_sql.mjs" "$doc") \
	>"$work/results.jsonl" 2>"$work/node.err" || {
	echo "FAIL: the DuckDB recipes: $(head -c 2000 "$work/node.err")"
	exit 1
}
exec /usr/bin/python3 - "$data" "$work/results.jsonl" "$hosts" <<'PY'
import collections, glob, json, sys
data, results, hosts = sys.argv[1], sys.argv[2], int(sys.argv[3])
load, slowest, errnos, failed = [json.loads(l) for l in open(results)][:4]
fails = []
events = [json.loads(l) for f in glob.glob(data + "/events/*.jsonl") for l in open(f)]
opens = [e for e in events if e.get("syscall") == "openat" and e["type"] == "syscall"]
# slowest openat paths: the first is the slowest openat of all
top = max(opens, key=lambda e: e.get("duration_ns") or 0)
if not slowest or int(slowest[0]["slowest_ns"]) != top["duration_ns"] or \
        slowest[0]["path"] != top["args"][1] or slowest[0]["slowest_in"] != top["trace_id"]:
    fails.append("slowest openat: %r, the JSON says %s in %s" % (slowest[:1], top["args"][1],
                                                                 top["duration_ns"]))
if len(slowest) != 20:
    fails.append("%d slowest paths" % len(slowest))
# the errno breakdown per host
want = collections.Counter((e["trace_host"], e["errno"], e["errno_nr"])
                           for e in events if "errno_nr" in e)
got = {(r["trace_host"], r["errno"], int(r["errno_nr"])): int(r["calls"]) for r in errnos}
if got != dict(want) or len({h for h, _, _ in got}) != hosts:
    fails.append("errno per host: %r, the JSON says %r" % (sorted(got.items())[:6],
                                                          sorted(want.items())[:6]))
if not any(k[1] == "ENOENT" and k[2] == 2 for k in got):
    fails.append("no ENOENT among %r" % sorted(got)[:6])
# the processes that failed: every cat (exit 1) and the shells exiting 1 or 2
procs = [p for f in glob.glob(data + "/stats/*.json") for p in json.load(open(f))["processes"]["processes"]]
want = sorted((p["trace_id"], p["pid"]) for p in procs if (p["exit_code"] or 0) != 0 or p["signal"])
got = sorted((r["trace_id"], int(r["pid"])) for r in failed)
if got != want or len(got) != 100 + 67:
    fails.append("failed processes: %d, the JSON says %d (of %d)" % (len(got), len(want), len(procs)))
if len({r["trace_id"] for r in failed}) != 100:
    fails.append("failed processes in %d traces" % len({r["trace_id"] for r in failed}))
for f in fails:
    print("FAIL:", f)
print("%d events of %d traces, %d hosts" % (len(events), len({e["trace_id"] for e in events}), hosts))
sys.exit(1 if fails else 0)
PY
