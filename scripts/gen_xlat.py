#!/usr/bin/env python3
"""Generates the decoder's named-value and flag sets from common/xlat/<set>.in.

Each set is one file, its name the set's: open_flags.in makes rp_x_open_flags.
Lines:
  #flags | #enum            a bit set (A|B|0x40) or one value of a set
  #unknown TEXT             the "TEXT" comment an unknown value gets
  #id NAME [NAME...]        the syscall table's SC_X_* ids the set serves
  #include <header>         where the host's headers define the names
  #base SET [SET...]        the entries of these sets follow this set's own
  NAME VALUE [unchecked]    one entry, in strace's printing order ("A or B"
                            quoted: a name that is not an identifier)
VALUE is the kernel's x86_64 value. Where the included headers define NAME
the generated code checks at compile time that they agree (unchecked: the
libc header's value is not the kernel's, e.g. O_LARGEFILE), so a drifted
value fails the build.

#base lets sets that share most of their entries write the shared ones once:
getsockopt's SO_ names are socket_optname's plus SO_GET_FILTER, so
socket_optname_get.in lists SO_GET_FILTER and says `#base socket_optname`.
The generated set holds its own entries, then each base's (with the base's
own bases) in the order named; a base must be an #enum set as this one is
(a flag set's order is its printing order, which a join would decide), no
value may stand in two of the joined parts (so which part comes first does
not matter), and #unknown, when not given, is the first base's.

Usage: gen_xlat.py OUTDIR IN...
Writes OUTDIR/xlat_sets.h (declarations), OUTDIR/xlat_index.c (the sets by
SC_X id) and OUTDIR/xlat_<set>.c for each set.
"""
import os
import re
import sys

IDENT = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


class SetError(Exception):
    pass


def parse(path):
    name = os.path.splitext(os.path.basename(path))[0]
    if not IDENT.match(name):
        raise SetError('%s: not a C identifier' % path)
    s = {'name': name, 'flags': None, 'unknown': None, 'ids': [], 'includes': [], 'entries': [],
         'bases': [], 'path': path}
    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split('//')[0].strip() if not raw.lstrip().startswith('"') else raw.strip()
            where = '%s:%d' % (path, lineno)
            if not line:
                continue
            words = line.split()
            if words[0] in ('#flags', '#enum'):
                s['flags'] = words[0] == '#flags'
            elif words[0] == '#unknown':
                s['unknown'] = line[len('#unknown'):].strip()
            elif words[0] == '#id':
                s['ids'] += words[1:]
            elif words[0] == '#base':
                if len(words) < 2:
                    raise SetError('%s: #base names no set' % where)
                s['bases'] += words[1:]
            elif words[0] == '#include':
                s['includes'].append(line[len('#include'):].strip())
            elif words[0].startswith('#'):
                raise SetError('%s: unknown directive %s' % (where, words[0]))
            else:
                if line.startswith('"'):  # a name that is not one identifier
                    end = line.index('"', 1)
                    words = [line[1:end]] + line[end + 1:].split()
                if len(words) not in (2, 3) or (len(words) == 3 and words[2] != 'unchecked'):
                    raise SetError('%s: expected NAME VALUE [unchecked]' % where)
                s['entries'].append((words[0], words[1], len(words) == 3))
    if s['flags'] is None:
        raise SetError('%s: says neither #flags nor #enum' % path)
    if not s['entries'] and not s['bases']:
        raise SetError('%s: no entries' % path)
    return s


def join_bases(sets):
    """Sets each set's 'all' (its entries then its bases') and inherits #unknown."""
    by_name = {s['name']: s for s in sets}

    def resolve(s, seen):
        if 'all' in s:
            return s['all']
        if s['name'] in seen:
            raise SetError('%s: #base goes round: %s' %
                           (s['path'], ' -> '.join(seen + [s['name']])))
        parts = [s['entries']]
        for b in s['bases']:
            base = by_name.get(b)
            if base is None:
                raise SetError('%s: #base %s: no such set' % (s['path'], b))
            if s['flags'] or base['flags']:
                raise SetError('%s: #base %s: only #enum sets join' % (s['path'], b))
            parts.append(resolve(base, seen + [s['name']]))
            if s['unknown'] is None:
                s['unknown'] = base['unknown']
        where = {}
        for k, part in enumerate(parts if len(parts) > 1 else []):
            for name, value, _ in part:
                v = c_int(value, s['path'])
                if where.get(v, (k,))[0] != k:
                    raise SetError('%s: value %s stands in two of the parts #base joins: '
                                   '%s and %s' % (s['path'], value, where[v][1], name))
                where[v] = (k, name)
        s['all'] = [e for part in parts for e in part]
        return s['all']

    for s in sets:
        resolve(s, [])


def c_int(value, path):
    """A C integer literal's value as uint64_t holds it (-1ull, 0x40, 0755)."""
    m = re.match(r'^(-?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)[uUlL]*$', value)
    if not m:
        raise SetError('%s: %s: not an integer literal' % (path, value))
    digits = m.group(2)
    if digits[:2] in ('0x', '0X'):
        v = int(digits, 16)
    else:
        v = int(digits, 8 if digits[0] == '0' else 10)
    return (-v if m.group(1) else v) % (1 << 64)


def c_string(text):
    # "?" escaped: "???-1" would otherwise hold the trigraph "??-"
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"').replace('?', '\\?') + '"'


def main():
    if len(sys.argv) < 3:
        sys.stderr.write('usage: gen_xlat.py OUTDIR IN...\n')
        return 2
    outdir = sys.argv[1]
    try:
        sets = sorted((parse(p) for p in sys.argv[2:]), key=lambda s: s['name'])
        join_bases(sets)
    except (SetError, OSError) as e:
        sys.stderr.write('gen_xlat: %s\n' % e)
        return 1
    served = {}
    for s in sets:
        for i in s['ids']:
            if i in served:
                sys.stderr.write('gen_xlat: SC_X_%s has two sets: %s and %s\n' %
                                 (i, served[i], s['name']))
                return 1
            served[i] = s['name']
    head = '/* Generated by scripts/gen_xlat.py from common/xlat/<set>.in: edit those. */\n'
    files = {}
    with open(os.path.join(outdir, 'xlat_sets.h.tmp'), 'w') as h:
        h.write(head + '#ifndef STREC_XLAT_SETS_H\n#define STREC_XLAT_SETS_H\n\n'
                '#include "xlat.h"\n\n')
        for s in sets:
            h.write('extern const struct rp_xlat rp_x_%s;\n' % s['name'])
        h.write('\n#endif\n')
    for s in sets:
        out = [head, '#include "xlat_sets.h"\n']
        out += ['#include %s\n' % i for i in s['includes']]
        out.append('\n/* %s%s */\n' % (os.path.basename(s['path']), ''.join(
            ', then %s.in' % b for b in s['bases'])))
        for name, value, unchecked in s['entries']:
            if IDENT.match(name) and not unchecked:
                out.append('#if defined(%s)\n_Static_assert((long long)(%s) == (long long)(%s), '
                           '%s);\n#endif\n' % (name, name, value,
                                               c_string('%s: the headers say otherwise than %s'
                                                        % (name, os.path.basename(s['path'])))))
        out.append('static const struct rp_xlat_entry %s_entries[] = {\n' % s['name'])
        for name, value, _ in s['all']:
            out.append('\t{ (uint64_t)(%s), %s },\n' % (value, c_string(name)))
        out.append('};\nconst struct rp_xlat rp_x_%s = { %s_entries, %d, %s, %s };\n' % (
            s['name'], s['name'], len(s['all']), 'true' if s['flags'] else 'false',
            c_string(s['unknown']) if s['unknown'] else 'NULL'))
        files['xlat_%s.c' % s['name']] = ''.join(out)
    idx = [head, '#include "xlat_sets.h"\n\n#include "syscall_table.h"\n\n',
           'const struct rp_xlat *const rp_xlat_sets[SC_X_COUNT] = {\n']
    for i in sorted(served):
        idx.append('\t[SC_X_%s] = &rp_x_%s,\n' % (i, served[i]))
    idx.append('};\n')
    files['xlat_index.c'] = ''.join(idx)
    for fname, text in files.items():
        with open(os.path.join(outdir, fname + '.tmp'), 'w') as f:
            f.write(text)
    for fname in list(files) + ['xlat_sets.h']:
        os.replace(os.path.join(outdir, fname + '.tmp'), os.path.join(outdir, fname))
    return 0


if __name__ == '__main__':
    sys.exit(main())
