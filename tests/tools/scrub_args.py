#!/usr/bin/env python3
"""Every decoder prints every argument of a scrubbed call: strep's text of
a trace and of its scrubbed copy have the same lines, each call with the
same number of arguments (what was scrubbed prints as strace prints what
it cannot read: ""..., an address). Usage: scrub_args.py ORIG.txt SCRUBBED.txt"""
import re
import sys

CALL = re.compile(r"^(\d+ +)?(\w+)\((.*)$")


def top_level_args(line):
    """(name, number of arguments) of a call line, or None."""
    m = CALL.match(line)
    if not m:
        return None
    rest, depth, count, in_string, escaped = m.group(3), 0, 1, False, False
    if rest.startswith(")"):
        return m.group(2), 0
    for ch in rest:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            count += 1
    return m.group(2), count


def main():
    orig = open(sys.argv[1], errors="replace").read().splitlines()
    scrubbed = open(sys.argv[2], errors="replace").read().splitlines()
    bad = 0
    if len(orig) != len(scrubbed):
        print("FAIL: %d lines, %d after scrubbing" % (len(orig), len(scrubbed)))
        bad += 1
    for a, b in zip(orig, scrubbed):
        if top_level_args(a) != top_level_args(b):
            print("FAIL: arguments differ after scrubbing:\n  %s\n  %s" % (a[:200], b[:200]))
            bad += 1
    return 1 if bad else 0


sys.exit(main())
