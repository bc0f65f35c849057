#!/usr/bin/env python3
"""Man pages and --help say the same things: every option in a tool's
--help is in its man page and every option the man page documents is in
--help; the exit statuses --help names are the man page's; and each page
(the tools' and strec-format(5)) renders with `man -l` without warnings."""
import os
import re
import shutil
import subprocess
import sys

bindir, mandir = sys.argv[1:3]
OPT = re.compile(r"(?<![\w-])(--?[A-Za-z][A-Za-z0-9_-]*)")
fail = []


def help_options(text):
    """Options in the option column of --help (lines starting '  -')."""
    opts = set()
    for line in text.splitlines():
        if not re.match(r"^  -", line):
            continue
        column = re.split(r"\s{2,}", line.strip())[0]
        opts.update(OPT.findall(column))
    return opts


def man_options(src):
    """Options in the tags of the page's .TP paragraphs."""
    opts, lines = set(), src.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(".TP") and i + 1 < len(lines):
            tag = lines[i + 1].replace("\\-", "-").replace("\\fR", " ").replace("\\fI", " ")
            tag = re.sub(r'^\.[A-Z]+\s*', "", tag).replace('"', " ")
            opts.update(OPT.findall(tag))
    return opts


def statuses(text):
    return set(re.findall(r"\b([0-2])\b", text))


for tool in ("strec", "strep", "strstat", "strscrub", "strdiff"):
    page = os.path.join(mandir, tool + ".1")
    helptext = subprocess.run([os.path.join(bindir, tool), "--help"], capture_output=True,
                              text=True).stdout
    src = open(page).read()
    h, m = help_options(helptext), man_options(src)
    if not h:
        fail.append("%s: no options found in --help" % tool)
    for o in sorted(h - m):
        fail.append("%s: %s is in --help, not in %s.1" % (tool, o, tool))
    # options --help mentions in a description ("--tree adds ...") count too
    for o in sorted(m - h - set(OPT.findall(helptext))):
        fail.append("%s: %s is in %s.1, not in --help" % (tool, o, tool))
    hs = helptext.split("Exit status:")
    ms = src.split(".SH EXIT STATUS")
    if len(hs) != 2 or len(ms) != 2:
        fail.append("%s: exit status missing from --help or the page" % tool)
    elif statuses(hs[1]) != statuses(ms[1].split(".SH")[0]):
        fail.append("%s: exit statuses differ: help %s, page %s" %
                    (tool, sorted(statuses(hs[1])), sorted(statuses(ms[1].split(".SH")[0]))))

if shutil.which("man"):
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    for name in sorted(os.listdir(mandir)):
        r = subprocess.run(["man", "--warnings", "-l", os.path.join(mandir, name)], env=env,
                           capture_output=True, text=True)
        if r.returncode or r.stderr.strip():
            fail.append("man -l %s: %s" % (name, r.stderr.strip() or r.returncode))
        if not r.stdout.strip():
            fail.append("man -l %s rendered nothing" % name)
else:
    fail.append("man is not installed (scripts/setup.sh installs man-db and groff-base)")

for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
