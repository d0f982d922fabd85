#!/usr/bin/env python3.14
"""Writes vm/tests/data/strformat.tsv: str.format vectors from CPython 3.14, and
vm/tests/data/formatter_parser.tsv: _string.formatter_parser / formatter_field_name_split.

Each line: format string (unicode_escape), expected result or `!TypeName: message`.
Every vector uses the same arguments (mirrored in vm/tests/text_strformat.rs):
    args   = (42, 'abc', -1.5, [7, 'x'], {'k': 'v'}, 3)
    kwargs = {'name': 'Ann', 'n': 8, 'f': 0.25, 'lst': [1, 2], 'd': {'a': 1, '0': 'zero'}}

Run:  /root/.cache/cpython314/bin/python3.14 scripts/gen-vm-strformat.py
"""
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "vm", "tests", "data", "strformat.tsv")
ARGS = (42, "abc", -1.5, [7, "x"], {"k": "v"}, 3)
KWARGS = {"name": "Ann", "n": 8, "f": 0.25, "lst": [1, 2], "d": {"a": 1, "0": "zero"}}


def esc(s):
    return s.encode("unicode_escape").decode("ascii")


def result(fmt):
    try:
        return esc(fmt.format(*ARGS, **KWARGS))
    except Exception as e:
        return "!" + type(e).__name__ + ": " + esc(str(e))


FIELDS = ["{}", "{0}", "{1}", "{2}", "{5}", "{6}", "{name}", "{n}", "{f}", "{nope}", "{0.real}",
          "{2.imag}", "{0.nope}", "{1[0]}", "{1[5]}", "{3[0]}", "{3[1]}", "{3[9]}", "{4[k]}", "{4[z]}",
          "{lst[1]}", "{d[a]}", "{d[0]}", "{0[0]}", "{!r}", "{!s}", "{!a}", "{1!r}", "{name!r:>8}",
          "{:>10}", "{:*^9}", "{0:{5}}", "{:{}}", "{0:{5}.{5}}", "{2:{n}.{5}f}", "{0:{1:{2}}}",
          "{0:x}", "{1:d}", "{0!x}", "{0!}", "{0!r", "{0:", "{0[}", "{0]}", "{0.}", "{0[0]x}",
          "{a{b}", "{0!rr}", "{", "}", "{{", "}}", "{0[]}", "{.real}", "{[0]}", "{0..real}",
          "{\u0661}", "{99999999999999999999}", "{0[99999999999999999999]}", "{ }", "{0!\u00e9}",
          "{0!\x01}", "{3!a:>20}", "{1:.2}", "{2:%}", "{n:_b}", "{0:{}}", "{d[a]:{n}}",
          "{!r:}", "{0:}", "{:}", "{0!s:^{5}}", "{0:{{}}}", "{0:{", "{0:}}", "{f!r:{n}}"]
LITS = ["", "a", "x y", "\u20ac", "{{", "}}", "}", "{", " = "]


def main():
    assert sys.version_info[:2] == (3, 14), "run with CPython 3.14"
    rng = random.Random(3101)
    rows = set()
    for f in FIELDS:
        rows.add((esc(f), result(f)))
        rows.add((esc("a" + f + "b"), result("a" + f + "b")))
    for _ in range(6000):
        parts = []
        for _ in range(rng.randint(1, 4)):
            parts.append(rng.choice(LITS))
            parts.append(rng.choice(FIELDS))
        if rng.random() < 0.3:
            parts.append(rng.choice(LITS))
        f = "".join(parts)
        rows.add((esc(f), result(f)))
    with open(OUT, "w") as fh:
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    print(len(rows), "vectors,", os.path.getsize(OUT), "bytes")
    parser_vectors(rng)


def show(v):
    """A Python value from _string as text: None, ints, strs (escaped), tuples, lists."""
    if v is None:
        return "None"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return "'" + esc(v).replace("'", "\\x27") + "'"
    if isinstance(v, (tuple, list)):
        return "(" + ",".join(show(x) for x in v) + ")"
    return "?"


def parser_vectors(rng):
    import _string
    rows = set()
    for _ in range(2500):
        parts = []
        for _ in range(rng.randint(1, 3)):
            parts.append(rng.choice(LITS))
            parts.append(rng.choice(FIELDS))
        f = "".join(parts)
        try:
            r = show(list(_string.formatter_parser(f)))
        except Exception as e:
            r = "!" + type(e).__name__ + ": " + esc(str(e))
        rows.add(("parse", esc(f), r))
    names = ["", "0", "a", "a.b", "a[0]", "0[x].y", "a.", "a[", "a[]", "a]x", "a[0]x", "x.y.z[1][k]",
             "\u0661", "a..b", ".a", "[0]", "99999999999999999999", "a[99999999999999999999]", "é.ü"]
    for n in names:
        try:
            first, rest = _string.formatter_field_name_split(n)
            r = show((first, list(rest)))
        except Exception as e:
            r = "!" + type(e).__name__ + ": " + esc(str(e))
        rows.add(("split", esc(n), r))
    path = os.path.join(os.path.dirname(OUT), "formatter_parser.tsv")
    with open(path, "w") as fh:
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    print(len(rows), "parser vectors,", os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
