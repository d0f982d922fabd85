#!/usr/bin/env python3.14
"""Writes vm/tests/data/format.tsv and format_extra.tsv: format(value, spec) vectors
from CPython 3.14 (format_extra: random values with random specs, another seed).

Each line: kind, value, spec, expected. kind is int/float/complex/str; floats are the
hex of their IEEE bits (complex: two of them, comma-separated); strings and results are
`unicode_escape`d; an exception is written as `!TypeName: message`.

Run:  /root/.cache/cpython314/bin/python3.14 scripts/gen-vm-format.py
"""
import os
import random
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "vm", "tests", "data", "format.tsv")


def esc(s):
    return s.encode("unicode_escape").decode("ascii")


def fbits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def result(v, spec):
    try:
        return esc(format(v, spec))
    except Exception as e:
        return "!" + type(e).__name__ + ": " + esc(str(e))


def rand_spec(rng, numeric=True):
    parts = []
    r = rng.random()
    if r < 0.15:
        parts.append(rng.choice("x*0 €_,=") + rng.choice("<>^="))
    elif r < 0.4:
        parts.append(rng.choice("<>^="))
    if rng.random() < 0.3:
        parts.append(rng.choice("+- "))
    if rng.random() < 0.1:
        parts.append("z")
    if rng.random() < 0.15:
        parts.append("#")
    if rng.random() < 0.15:
        parts.append("0")
    if rng.random() < 0.4:
        parts.append(str(rng.choice([0, 1, 2, 3, 5, 8, 10, 12, 15, 20, 25])))
    if rng.random() < 0.2:
        parts.append(rng.choice([",", "_", ",", "_", ",_"]))
    if rng.random() < 0.4:
        parts.append("." + rng.choice(["", "0", "1", "2", "3", "5", "6", "10", "17", "20", "30", "60"]))
        if rng.random() < 0.2:
            parts.append(rng.choice([",", "_", "_,"]))
    if rng.random() < 0.85:
        parts.append(rng.choice("bcdeEfFgGnosxX%" if numeric else "sssss d"))
    s = "".join(parts)
    if rng.random() < 0.02:
        s += rng.choice(["q", "dd", "\x01", "\u1234", "5"])
    return s


def main():
    assert sys.version_info[:2] == (3, 14), "run with CPython 3.14"
    rng = random.Random(3101)
    rows = set()
    ints = [0, 1, -1, 7, -7, 42, 65, 255, -255, 1000, 1234, 12345, 123456, 1234567,
            -987654321, 2**31, 2**53 + 1, 2**63 - 1, -(2**63), 2**64, -(2**100),
            10**30 + 7, 0x10FFFF, 0x110000, 0xD800, 9999999, -1234567890123]
    ints += [rng.randrange(-10**12, 10**12) for _ in range(20)]
    ints.append(10**400)
    floats = [0.0, -0.0, 1.0, -1.0, 1.5, -2.5, 0.5, 0.1, 0.125, 2.675, 1e-7, 1.5e-5, 0.0001,
              123456.789, 1234567.891011, 1e16, 1e15, 1e22, 1e100, 5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), -float("nan"),
              3.141592653589793, 2.5, 0.05, 999999.5, 9.995, 1e-300, -0.0001, -1e-10, 100.0,
              123.0, 2.0**60, 0.3, 1/3, -2/3]
    floats += [rng.uniform(-1e6, 1e6) for _ in range(10)]
    floats += [rng.random() * 10 ** rng.randint(-30, 30) for _ in range(20)]
    complexes = [0j, 1j, -1j, 1 + 2j, -1.5 - 2.5j, complex(-0.0, 0.0), complex(-0.0, -0.0),
                 complex(0.0, -0.0), 1e20j, complex(1e-7, 123456.789), complex(float("inf"), float("nan")),
                 complex(3.5, 0), complex(1234567.5, -0.001)]
    strs = ["", "a", "hello", "héllo wörld", "\u20ac\u20ac", "\U0001f600x", "tab\there"]
    fixed = ["", "d", "x", "X", "#x", "#o", "#b", "c", "e", "f", "g", "%", "n", ",", "_", "_x", "_b",
             ",d", "08,", "010_", "=+10", "^15", "<10", ">10", "*^11,", "+", " ", "-", ".2f", ".0f",
             ".10e", ".3g", ".0e", "#.0f", "#g", "#.3g", "z.1f", "z", ".2%", ".20f", ".17g",
             ".1", ".3", "10.4", "0=10", "abc", ",_", "._f", ".,f", ".2_f", ".3,e", "zd", "=", "0<10",
             "x<010", "#010x", "+#010_x", "0", "05", ".100f", ".2147483648f", "99999999999999999999",
             ".,", "._", ".2_n", "_n", ",n", ".2,s", "#", "#.3", "s", "z,", "_c", ",c", ".50e", "011,.2f"]
    for v in ints:
        for s in fixed:
            rows.add(("int", str(v), esc(s), result(v, s)))
        for _ in range(60):
            s = rand_spec(rng)
            rows.add(("int", str(v), esc(s), result(v, s)))
    for v in floats:
        for s in fixed:
            rows.add(("float", fbits(v), esc(s), result(v, s)))
        for _ in range(200):
            s = rand_spec(rng)
            rows.add(("float", fbits(v), esc(s), result(v, s)))
    for v in complexes:
        for s in fixed:
            rows.add(("complex", fbits(v.real) + "," + fbits(v.imag), esc(s), result(v, s)))
        for _ in range(80):
            s = rand_spec(rng)
            rows.add(("complex", fbits(v.real) + "," + fbits(v.imag), esc(s), result(v, s)))
    for v in strs:
        for s in fixed:
            rows.add(("str", esc(v), esc(s), result(v, s)))
        for _ in range(80):
            s = rand_spec(rng, numeric=rng.random() < 0.3)
            rows.add(("str", esc(v), esc(s), result(v, s)))
    with open(OUT, "w") as fh:
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    print(len(rows), "vectors,", os.path.getsize(OUT), "bytes")
    extra(random.Random(682))


def extra(rng):
    """Random floats, ints and complexes, each with a few random specs."""
    rows = set()
    for _ in range(4000):
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if rng.random() < 0.5:
            x = rng.uniform(-1, 1) * 10 ** rng.randint(-12, 20)
        for _ in range(3):
            s = rand_spec(rng)
            rows.add(("float", fbits(x), esc(s), result(x, s)))
    for _ in range(2500):
        v = rng.getrandbits(rng.choice([8, 16, 40, 70, 200])) * rng.choice([1, -1])
        for _ in range(3):
            s = rand_spec(rng)
            rows.add(("int", str(v), esc(s), result(v, s)))
    for _ in range(1500):
        z = complex(rng.uniform(-1e5, 1e5) * rng.choice([1, 0, 1e-9]), rng.uniform(-1e5, 1e5))
        for _ in range(3):
            s = rand_spec(rng)
            rows.add(("complex", fbits(z.real) + "," + fbits(z.imag), esc(s), result(z, s)))
    path = os.path.join(os.path.dirname(OUT), "format_extra.tsv")
    with open(path, "w") as fh:
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    print(len(rows), "extra vectors,", os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
