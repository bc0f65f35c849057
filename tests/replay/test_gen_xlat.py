#!/usr/bin/python3
"""scripts/gen_xlat.py's #base: a set that names bases holds its own entries,
then its bases' (theirs with their own bases), takes the first base's #unknown
when it has none, and the generator refuses joins that could change what
prints: a value in two of the joined parts, a flag set, a circle, a base that
is no set."""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "scripts", "gen_xlat.py")

failures = 0


def check(what, ok, detail=""):
    global failures
    if not ok:
        failures += 1
        print("FAIL: %s %s" % (what, detail))


def generate(sets):
    """Runs the generator on {name: text}; returns (rc, stderr, {set: (entries, unknown)})."""
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, text in sets.items():
            p = os.path.join(d, name + ".in")
            with open(p, "w") as f:
                f.write(text)
            paths.append(p)
        r = subprocess.run([sys.executable, GEN, d] + paths, capture_output=True, text=True)
        out = {}
        for name in sets:
            p = os.path.join(d, "xlat_%s.c" % name)
            if r.returncode or not os.path.exists(p):
                continue
            with open(p) as f:
                c = f.read()
            entries = re.findall(r'\{ \(uint64_t\)\(([^)]*)\), "([^"]*)" \}', c)
            m = re.search(r'rp_x_%s = \{ \w+, (\d+), \w+, (NULL|"[^"]*") \}' % name, c)
            check("%s: count" % name, m and int(m.group(1)) == len(entries), c)
            # the C literal's text: '?' is escaped (no trigraphs like ??-)
            out[name] = (entries, m.group(2).replace('\\?', '?') if m else None)
        return r.returncode, r.stderr, out


BASE = "#enum\n#unknown A_???\nA_ONE 1\nA_TWO 2\n"

rc, err, out = generate({
    "a": BASE,
    "b": "#enum\n#base a\nB_NINE 9\n",
    "c": "#enum\n#unknown C_???\n#base b\nC_FIVE 5\n",
    "d": "#enum\n#base a e\n",
    "e": "#enum\n#unknown E_???\nE_SEVEN 7\n",
})
check("joins generate", rc == 0, err)
if rc == 0:
    check("a unchanged", out["a"] == ([("1", "A_ONE"), ("2", "A_TWO")], '"A_???"'), out["a"])
    check("b: own, then base; base's #unknown",
          out["b"] == ([("9", "B_NINE"), ("1", "A_ONE"), ("2", "A_TWO")], '"A_???"'), out["b"])
    check("c: own, then its base's base too; own #unknown",
          out["c"] == ([("5", "C_FIVE"), ("9", "B_NINE"), ("1", "A_ONE"), ("2", "A_TWO")],
                       '"C_???"'), out["c"])
    check("d: no entries of its own, two bases in order",
          out["d"] == ([("1", "A_ONE"), ("2", "A_TWO"), ("7", "E_SEVEN")], '"A_???"'), out["d"])

for what, sets, says in [
    ("a value in the set and its base", {"a": BASE, "b": "#enum\n#base a\nB_TWO 0x2\n"},
     "value 2 stands in two of the parts #base joins: B_TWO and A_TWO"),
    ("a value in two bases", {"a": BASE, "e": "#enum\nE_ONE 01\n", "b": "#enum\n#base a e\n"},
     "value 01 stands in two of the parts #base joins: A_ONE and E_ONE"),
    ("a flag set joins", {"a": BASE, "f": "#flags\n#base a\nF_FOUR 4\n"}, "only #enum sets join"),
    ("a flag base", {"f": "#flags\nF_FOUR 4\n", "b": "#enum\n#base f\nB_NINE 9\n"},
     "only #enum sets join"),
    ("a circle", {"b": "#enum\n#base c\nB_NINE 9\n", "c": "#enum\n#base b\nC_FIVE 5\n"},
     "#base goes round"),
    ("no such base", {"b": "#enum\n#base zz\nB_NINE 9\n"}, "#base zz: no such set"),
    ("#base alone", {"b": "#enum\n#base\nB_NINE 9\n"}, "#base names no set"),
]:
    rc, err, _ = generate(sets)
    check("refuses %s" % what, rc == 1 and says in err, "rc %d: %s" % (rc, err))

if failures:
    sys.exit(1)
print("ok")
