#!/usr/bin/env python3.14
"""Writes vm/tests/data/printf.tsv: `fmt % args` vectors for str and bytes from CPython 3.14.

Each line: kind (str/bytes), format (unicode_escape; bytes as latin-1), args, expected.
Args: one item, `T` + space-separated items (a tuple), or `M` + space-separated
`hexkey=item` pairs (a dict). Items: i:<int> B:<0|1> f:<ieee hex> s:<hex code points,>
y:<hex bytes> N. Errors are `!TypeName: message`.

Run:  /root/.cache/cpython314/bin/python3.14 scripts/gen-vm-printf.py
"""
import os
import random
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "vm", "tests", "data", "printf.tsv")


def esc(s):
    return s.encode("unicode_escape").decode("ascii")


def item(v):
    if isinstance(v, bool):
        return "B:%d" % v
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if isinstance(v, str):
        return "s:" + ",".join("%x" % ord(c) for c in v)
    if isinstance(v, bytes):
        return "y:" + v.hex()
    if v is None:
        return "N"
    raise TypeError(v)


def enc_args(a):
    if isinstance(a, tuple):
        return "T" + "".join(" " + item(x) for x in a)
    if isinstance(a, dict):
        return "M" + "".join(" %s=%s" % (k.encode().hex(), item(v)) for k, v in a.items())
    return item(a)


def result(fmt, args):
    try:
        r = fmt % args
    except Exception as e:
        return "!" + type(e).__name__ + ": " + esc(str(e))
    return esc(r.decode("latin-1") if isinstance(r, bytes) else r)


def main():
    assert sys.version_info[:2] == (3, 14), "run with CPython 3.14"
    rng = random.Random(1991)
    values = [0, 1, -1, 42, -255, 255, 65, 0x10FFFF, 0x110000, 300, 2**70, -(2**64), True, False,
              0.0, -0.0, 1.5, -2.5, 3.9, -3.9, 1e300, 1e-7, 123456.789, float("inf"), float("-inf"),
              float("nan"), "a", "", "ab", "héllo", "\u20ac", "'q\"", b"x", b"", b"ab\xff", None]
    convs = "sradiuoxXeEfFgGcb%y"
    rows = set()
    for _ in range(9000):
        flags = "".join(rng.choice("-+ #0") for _ in range(rng.choice([0, 0, 1, 2])))
        width = rng.choice(["", "", "5", "12", "*", "0"])
        prec = rng.choice(["", "", ".2", ".0", ".10", ".", ".*"])
        conv = rng.choice(convs)
        spec = "%" + flags + width + prec + rng.choice(["", "", "", "l"]) + conv
        need = (width == "*") + (prec == ".*")
        v = rng.choice(values)
        star = [rng.choice([3, -4, 0, 7, 2]) for _ in range(need)]
        if rng.random() < 0.05:
            star = [rng.choice(["x", 1.5, 2**70])] * need
        fmt = rng.choice(["", "x=", "<"]) + spec + rng.choice(["", "|", " end"])
        args = tuple(star) + (v,)
        if rng.random() < 0.1:
            args = args + (1,)
        if rng.random() < 0.1:
            args = args[:-1]
        if len(args) == 1 and not isinstance(args[0], tuple) and rng.random() < 0.5:
            args = args[0]
        for kind in ("str", "bytes"):
            if kind == "bytes":
                if any(isinstance(a, str) and any(ord(c) > 255 for c in a) for a in [fmt]):
                    continue
                f = fmt.encode("latin-1")
                rows.add((kind, esc(fmt), enc_args(args), result(f, args)))
            else:
                rows.add((kind, esc(fmt), enc_args(args), result(fmt, args)))
    fixed = [("%s %s", (1, 2)), ("%s", (1, 2)), ("%s %s", (1,)), ("abc", 5), ("abc", {}), ("%", ()),
             ("%(a)s", 5), ("%(a", {"a": 1}), ("%(a)s %(b)d", {"a": "x", "b": 2}), ("%(a)s%(b)", {"a": 1}),
             ("%(a)s %s", {"a": 1}), ("%s %(a)s", {"a": 1}), ("%(a)*d", {"a": 1}), ("%(a)%", {"a": 1}),
             ("%%", ()), ("%5%", (1,)), ("%.2%", ()), ("a%", ()), ("%d %y", 1), ("%y", 1), ("%\u1234", 1),
             ("%\x1f", 1), ("%99999999999999999999d", 1), ("%.99999999999999999999f", 1.0),
             ("%(a)d", {"a": "x"}), ("%((a))s", {"(a)": 3}), ("%c", "\ud800"), ("%a", "é\U0001f600"),
             ("%r", "é\x00"), ("%-*d", (5, 3)), ("%*d", (-5, 3)), ("%.*f", (-2, 1.25))]
    for fmt, args in fixed:
        rows.add(("str", esc(fmt), enc_args(args), result(fmt, args)))
    with open(OUT, "w") as fh:
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    print(len(rows), "vectors,", os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
