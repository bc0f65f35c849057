#!/usr/bin/env python3
"""No circles between a program's or library's files: within each CMake
target, the graph "file A calls a function file B defines" (read from the
object files with nm) has no cycle. A file's helpers live below the files
that call them (CONTRIBUTING.md). Usage: file_cycles.py BUILD_DIR"""
import glob
import os
import subprocess
import sys


def target_graph(objs):
    defs, undefs = {}, {}
    # one nm for the target: "path.o:value type symbol" per line (-A)
    out = subprocess.run(['nm', '-A'] + objs, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        path, _, rest = line.rpartition('.o:')
        name = os.path.basename(path)
        parts = rest.split()
        if len(parts) == 3 and parts[1] in 'TDBR':
            defs[parts[2]] = name
        elif len(parts) == 2 and parts[0] == 'U':
            undefs.setdefault(name, set()).add(parts[1])
    edges = {}
    for f, syms in undefs.items():
        for sym in syms:
            if defs.get(sym, f) != f:
                edges.setdefault(f, {}).setdefault(defs[sym], sym)
    return edges


def cycles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    return found


def main():
    build = sys.argv[1]
    targets = 0
    bad = 0
    for tdir in sorted(glob.glob(os.path.join(build, '*', 'CMakeFiles', '*.dir'))):
        objs = glob.glob(os.path.join(tdir, '**', '*.o'), recursive=True)
        if len(objs) < 2:
            continue
        targets += 1
        edges = target_graph(objs)
        for comp in cycles(edges):
            bad += 1
            calls = ['%s -> %s (%s)' % (a, b, edges[a][b]) for a in comp
                     for b in edges.get(a, {}) if b in comp]
            print('FAIL: %s: files call each other in a circle: %s' %
                  (os.path.basename(tdir)[:-4], '; '.join(calls)))
    if targets < 5:
        print('FAIL: only %d targets with object files under %s' % (targets, build))
        return 1
    print('%d targets, %d circles' % (targets, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
