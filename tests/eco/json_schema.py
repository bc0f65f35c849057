#!/usr/bin/env python3
"""strep --json and strstat --json against their documented schemas
(docs/schema/*.v1.schema.json, docs/json-schema.md), with and without
--with-trace-id, on recorded programs and crafted traces.

The validator knows the subset of JSON Schema (2020-12) the schemas use and
refuses any other keyword, so a schema cannot silently say more than is
checked. usage: json_schema.py BINDIR MKTRACE SCHEMADIR WORKDIR"""
import json
import os
import re
import socket
import subprocess
import sys

bindir, mktrace, schemadir, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
fails = []
KNOWN = {"$schema", "$id", "title", "description", "$defs", "$ref", "oneOf", "type", "const",
         "enum", "properties", "required", "additionalProperties", "items", "minimum",
         "maximum", "pattern"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def is_type(v, t):
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])


def errors(v, s, root, path="$"):
    """The ways v breaks schema s (a list of strings; empty: valid)."""
    unknown = set(s) - KNOWN
    assert not unknown, "schema keyword(s) the validator does not know: %s" % unknown
    if "$ref" in s:
        m = re.fullmatch(r"#/\$defs/(\w+)", s["$ref"])
        assert m, s["$ref"]
        return errors(v, root["$defs"][m.group(1)], root, path)
    if "oneOf" in s:
        results = [errors(v, sub, root, path) for sub in s["oneOf"]]
        ok = sum(1 for r in results if not r)
        if ok == 1:
            return []
        best = min(results, key=len)
        return ["%s: matches %d of oneOf (closest: %s)" % (path, ok, best[:3])]
    out = []
    if "type" in s:
        types = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(v, t) for t in types):
            return ["%s: %r is not %s" % (path, v, "/".join(types))]
    if "const" in s and (v != s["const"] or type(v) != type(s["const"])):
        out.append("%s: %r is not %r" % (path, v, s["const"]))
    if "enum" in s and v not in s["enum"]:
        out.append("%s: %r not in %r" % (path, v, s["enum"]))
    if "minimum" in s and is_type(v, "number") and v < s["minimum"]:
        out.append("%s: %r < %r" % (path, v, s["minimum"]))
    if "maximum" in s and is_type(v, "number") and v > s["maximum"]:
        out.append("%s: %r > %r" % (path, v, s["maximum"]))
    if "pattern" in s and isinstance(v, str) and not re.search(s["pattern"], v):
        out.append("%s: %r does not match %s" % (path, v, s["pattern"]))
    if isinstance(v, dict):
        props = s.get("properties", {})
        for k in s.get("required", []):
            if k not in v:
                out.append("%s: no %s" % (path, k))
        for k, x in v.items():
            if k in props:
                out += errors(x, props[k], root, path + "." + k)
            elif s.get("additionalProperties", True) is False:
                out.append("%s: undocumented member %s" % (path, k))
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            out += errors(x, s["items"], root, "%s[%d]" % (path, i))
    return out


def load(name):
    with open(os.path.join(schemadir, name)) as f:
        return json.load(f)


EVENT, STAT = load("strep-event.v1.schema.json"), load("strstat.v1.schema.json")


def run(*args, ok=(0,)):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in ok:
        fails.append("%s exited %d: %s" % (args, p.returncode, p.stderr[:300]))
    return p.stdout


def check_events(name, text, with_id):
    seen, ids = set(), set()
    for n, line in enumerate(text.splitlines(), 1):
        ev = json.loads(line)
        for e in errors(ev, EVENT, EVENT):
            fails.append("%s line %d: %s" % (name, n, e))
        seen.add(ev.get("type"))
        if "errno_nr" in ev and ev.get("rval") != -ev["errno_nr"]:
            fails.append("%s line %d: rval %r, errno_nr %r" % (name, n, ev["rval"], ev["errno_nr"]))
        if ("trace_id" in ev) != with_id:
            fails.append("%s line %d: trace_id %s" % (name, n, "missing" if with_id else "given"))
        ids.add(ev.get("trace_id"))
    if with_id and len(ids) != 1:
        fails.append("%s: %d trace ids" % (name, len(ids)))
    return seen, ids


def check_stat(name, text, with_id):
    doc = json.loads(text)
    for e in errors(doc, STAT, STAT):
        fails.append("%s: %s" % (name, e))
    rows = [r for view in doc.values() if isinstance(view, dict)
            for table in view.values() for r in table]
    if with_id and not all(r.get("trace_id") == doc.get("trace_id") for r in rows):
        fails.append("%s: rows without the document's trace_id" % name)
    return doc


strec, strep, strstat = (os.path.join(bindir, t) for t in ("strec", "strep", "strstat"))
# a shell with failures, a threaded program, a killed one
traces = {}
for name, cmd in (("shell", ["sh", "-c", "ls / >/dev/null; cat /nonexistent; exit 3"]),
                  ("threads", [os.path.join(bindir, "tp_threads")]),
                  ("killed", [os.path.join(bindir, "tp_killed")])):
    trc = os.path.join(work, name + ".trc")
    subprocess.run([strec, "-q", "-o", trc, *cmd], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    traces[name] = trc
subprocess.run([mktrace, work], check=True)
for name in ("procs", "build"):
    traces[name] = os.path.join(work, name + ".trc")
# the bounded tables' "dropped" rows: strstat only (the events are 300,000 opens)
check_stat("manypaths", run(strstat, "--errors", "--files", "--json",
                            os.path.join(work, "manypaths.trc")), False)

kinds = set()
for name, trc in traces.items():
    seen, _ = check_events(name, run(strep, "--json", trc), False)
    kinds |= seen
    seen, ids = check_events(name + " --with-trace-id", run(strep, "--json", "--with-trace-id", trc),
                             True)
    check_stat(name, run(strstat, "--all", "--json", trc), False)
    doc = check_stat(name + " --with-trace-id",
                     run(strstat, "--all", "--json", "--with-trace-id", trc), True)
    if ids and doc.get("trace_id") not in ids:
        fails.append("%s: strep's trace id %s, strstat's %s" % (name, ids, doc.get("trace_id")))
for kind in ("syscall", "exit", "spawn", "exec", "signal"):
    if kind not in kinds:
        fails.append("no %s event was checked" % kind)

# the trace identity is the header's: host, start, program
shell = json.loads(run(strep, "--json", "--with-trace-id", traces["shell"]).splitlines()[0])
host = socket.gethostname()
if shell["trace_host"] != host or shell["trace_command"] != \
        "sh -c 'ls / >/dev/null; cat /nonexistent; exit 3'" or \
        shell["trace_id"] != "%s/%s/sh" % (host, shell["trace_start"]):
    fails.append("trace identity %r" % {k: v for k, v in shell.items() if k.startswith("trace")})
start_s = int(shell["ts"].split(".")[0]) - shell["ts_ns"] // 10**9
import calendar, time
t0 = calendar.timegm(time.strptime(shell["trace_start"][:19], "%Y-%m-%dT%H:%M:%S"))
if abs(t0 - start_s) > 1:
    fails.append("trace_start %s, events say %d" % (shell["trace_start"], start_s))
# errno: name and number
failed = [json.loads(l) for l in run(strep, "--json", "-Z", traces["shell"]).splitlines()]
if not any(e.get("errno") == "ENOENT" and e.get("errno_nr") == 2 for e in failed):
    fails.append("no failed call with errno ENOENT and errno_nr 2")
# usage: --with-trace-id is for --json
for tool in (strep, strstat):
    p = subprocess.run([tool, "--with-trace-id", traces["shell"]], capture_output=True)
    if p.returncode != 2:
        fails.append("%s --with-trace-id without --json exited %d" % (tool, p.returncode))
# the validator itself: it rejects what breaks the schema
good = json.loads(run(strep, "--json", traces["shell"]).splitlines()[0])
for bad in ({**good, "pid": "1"}, {**good, "extra": 1}, {k: v for k, v in good.items() if k != "ts"},
            {**good, "type": "nonsense"}):
    if not errors(bad, EVENT, EVENT):
        fails.append("the validator accepts %r" % bad)
if not errors({"schema_version": 2}, STAT, STAT):
    fails.append("the validator accepts schema_version 2")

for f in fails:
    print("FAIL:", f)
sys.exit(1 if fails else 0)
