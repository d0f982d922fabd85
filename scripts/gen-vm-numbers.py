#!/usr/bin/env python3.14
"""Writes vm/tests/data/{int_parse,float_parse,float_misc,int_text}.tsv: number parsing/printing vectors from CPython 3.14.

Each line: op, input, extra, expected. Strings are `unicode_escape`d; floats are the hex
of their IEEE bits; ints are decimal; errors are `!TypeName: message`.
ops (int results in hex): int (str, base), intb (bytes as latin-1, base), float (str), floatb (bytes),
complex (str), fromhex (str), repr (float), crepr (re, im), hex (float), round (float, ndigits), round0 (float),
ratio (float), tostr (int as hex), bin/oct/hexint (int), i2f (int), bfromhex (str; result
as hex), bhex (bytes as hex; sep,bytes_per_sep or none), roundint (int, ndigits).

Run:  /root/.cache/cpython314/bin/python3.14 scripts/gen-vm-numbers.py
"""
import os
import random
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "vm", "tests", "data")
FILES = {"int": "int_parse", "intb": "int_parse", "float": "float_parse", "floatb": "float_parse",
         "complex": "float_parse", "fromhex": "float_parse", "hex": "float_misc", "repr": "float_misc", "crepr": "float_misc", "round": "float_misc",
         "round0": "float_misc", "ratio": "float_misc", "tostr": "int_text", "bin": "int_text",
         "oct": "int_text", "hexint": "int_text", "i2f": "int_text",
         "bfromhex": "int_text", "bhex": "int_text", "roundint": "int_text"}


def esc(s):
    return s.encode("unicode_escape").decode("ascii")


def fb(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def hexint(v):
    return ("-" if v < 0 else "") + "%x" % abs(v)


def err(e):
    return "!" + type(e).__name__ + ": " + esc(str(e))


def run(f, show):
    try:
        return show(f())
    except Exception as e:
        return err(e)


def main():
    assert sys.version_info[:2] == (3, 14), "run with CPython 3.14"
    rng = random.Random(651)
    rows = set()
    add = lambda *r: rows.add(tuple(r))

    # int(s, base)
    pieces = ["0", "1", "7", "9", "a", "f", "z", "Z", "_", "x", "o", "b", "X", "B", " ", "\t", "+", "-",
              "\u0661", "\u0966", "\U0001d7cf", "\u00a0", "\u2003", "\u3000", "\u00e9", ".", "\x00", "10", "00"]
    strs = ["0x_1f", "0_0", "00", "01", "0b", "0x", "1__0", "_1", "1_", " 1 ", "\u00a01\u2003", "\u0661\u0662",
            "1\x00", "0o17", "+-1", "- 1", "0X1F", "\u0660x1", "\U0001d7cf\U0001d7d0", "1\u0662", "a" * 300,
            "9" * 5000, "9" * 4300, "9" * 4301 + "x", "1_" + "9" * 4300, "0" * 5000, "", " ", "-0", "+0x10",
            "0b1_0", "0b_", "0_", "1 2", "12345678901234567890123", "-0o777", "0o8", "0b2", "\u1234"]
    for _ in range(3000):
        strs.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))))
    for s in strs:
        for base in (0, 10, 16, 2, 8, 36, 7):
            if len(s) > 1000 and base not in (0, 10, 36, 16):
                continue
            add("int", esc(s), str(base), run(lambda: int(s, base), hexint))
    for base in (1, 37, -1):
        add("int", "12", str(base), run(lambda: int("12", base), hexint))
    for s in ["12", " 0x1f ", "\xe9", "1_0", "\xa01", "0b2"]:
        b = s.encode("latin-1")
        for base in (0, 10, 16):
            add("intb", esc(s), str(base), run(lambda: int(b, base), hexint))

    # float(s) / complex(s)
    fstrs = ["1_000.5", "1__0", "1_e5", "1e_5", "1.0_1", "inf", "-Infinity", "nAn", "+nan", "-nan", "1e999",
             " 1.5\n", "\u0661.\u0662", ".5", "5.", ".", "e5", "1e", "0x1p3", "1_", "\u0661_\u0662", "infinit",
             "", " ", "1e-400", "2.2250738585072011e-308", "0.1", "1.7976931348623157e308",
             "1.7976931348623159e308", "123456789012345678901234567890", "4.9406564584124654e-324",
             "2.4703282292062327e-324", "2.4703282292062328e-324", "-0", "+.5e+3", "1.5e+", "--1", "1.5j",
             "\u00a01.5\u3000", "1\u00e9", "0.30000000000000004", "9007199254740993", "1e23", "8.5e-5"]
    fpieces = ["1", "0", "5", "9", ".", "e", "E", "-", "+", "_", " ", "j", "J", "(", ")", "inf", "nan", "\u0663"]
    for _ in range(3000):
        fstrs.append("".join(rng.choice(fpieces) for _ in range(rng.randint(1, 7))))
    for _ in range(500):
        fstrs.append(repr(rng.uniform(-1, 1) * 10 ** rng.randint(-320, 308)))
        fstrs.append("%.*e" % (rng.randint(0, 25), rng.random() * 10 ** rng.randint(-300, 300)))
    for s in fstrs:
        add("float", esc(s), "", run(lambda: float(s), fb))
        add("complex", esc(s), "", run(lambda: complex(s), lambda z: fb(z.real) + "," + fb(z.imag)))
    for s in ["1+2j", "(1+2j)", " ( 1-2j ) ", "j", "-j", "+J", "1+j", "1-J", "2j", "1e5-1e-5j", "(1", "1)",
              "inf+nanj", "1 + 2j", "1+2", "1_0+2_0j", "(j)", "()", "\u0661+\u0662j", "1+2jj", "nanj", "-infj"]:
        add("complex", esc(s), "", run(lambda: complex(s), lambda z: fb(z.real) + "," + fb(z.imag)))
    for s in ["1.5", " 1.5 ", "inf", "1_0", "1\xe9", "nan"]:
        add("floatb", esc(s), "", run(lambda: float(s.encode("latin-1")), fb))

    # float.fromhex / float.hex
    hstrs = ["0x1p0", "0x1.8p1", "1", "-0x0p0", "0x.8", "0x1.", "0x", "0xp1", "1p", "inf", "-Infinity", "nan",
             " 0x1p-1074 ", "0x1p-1075", "0x1.0000000000001p-1075", "0x1p-1076", "0x1.fffffffffffff8p1023",
             "0x1.fffffffffffff7p1023", "0x1p1024", "0x1.fffffffffffffp1023", "0x0.0000000000001p-1022",
             "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000080000001p0", "0X1P+3", "0x1p99999999999",
             "0x1p-99999999999", "0x" + "f" * 300, "0x0." + "0" * 300 + "1p1200", "1e", "0x1.8p+", "0x1g", "\u00e9"]
    for _ in range(1500):
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        hstrs.append(x.hex())
        m = "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(1, 20)))
        hstrs.append("0x%s.%sp%d" % (m[:rng.randint(0, len(m))], m, rng.randint(-1100, 1100)))
    for s in hstrs:
        add("fromhex", esc(s), "", run(lambda: float.fromhex(s), fb))
    floats = [0.0, -0.0, 1.0, -1.5, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, float("inf"),
              float("-inf"), float("nan"), 0.1, 2.675, 0.5, 1.5, 2.5, -2.5, 1e16, 1e22, 123456.789, 1e-300]
    for _ in range(900):
        floats.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
        floats.append(round(rng.uniform(-1e4, 1e4), rng.randint(0, 4)) + rng.choice([0, 0.5, 0.005]))
    for _ in range(2500):
        # Many 17-digit ties: 53-bit integers scaled by small powers of two.
        x = float(rng.getrandbits(53) | (1 << 52)) * 2.0 ** rng.randint(-12, 8)
        add("repr", fb(x), "", repr(x))
        y = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        add("repr", fb(y), "", repr(y))
    specials = [0.0, -0.0, 1.0, -1.5, float("inf"), float("-inf"), float("nan"), 1e16, 1e-5, 2.5e-300]
    for _ in range(1200):
        a = rng.choice(specials + [rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-20, 20)])
        b = rng.choice(specials + [rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-20, 20)])
        add("crepr", fb(a), fb(b), repr(complex(a, b)))
    for x in floats:
        add("repr", fb(x), "", repr(x))
        add("hex", fb(x), "", run(lambda: x.hex(), esc))
        add("round0", fb(x), "", run(lambda: round(x), str))
        add("ratio", fb(x), "", run(lambda: "%d/%d" % x.as_integer_ratio(), str))
        for n in (0, 2, -1, rng.randint(-5, 20), rng.randint(-320, 330)) + ((400, -400, 308, -308, 323, 324, -309) if len(floats) < 30 or rng.random() < 0.05 else ()):
            add("round", fb(x), str(n), run(lambda: round(x, n), fb))

    # bytes.fromhex / bytes.hex, round(int, n)
    hpieces = ["0", "a", "F", "9", " ", "\t", "\n", "z", "\u00e9", "g", "0a", "ff", "  "]
    for _ in range(2500):
        s = "".join(rng.choice(hpieces) for _ in range(rng.randint(0, 8)))
        add("bfromhex", esc(s), "", run(lambda: bytes.fromhex(s).hex(), str))
    for _ in range(1500):
        b = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 9)))
        sep = rng.choice(["", ":", "-", "ab", "\u00e9", "none"])
        n = rng.choice([1, 2, 3, -1, -2, -4, 0, 100])
        args = () if sep == "none" else (sep, n)
        add("bhex", b.hex(), esc(sep) + "," + str(n), run(lambda: b.hex(*args), str))
    for _ in range(2500):
        v = rng.getrandbits(rng.choice([4, 10, 30, 70, 200])) * rng.choice([1, -1])
        v = v - v % rng.choice([1, 5, 50, 500]) if rng.random() < 0.5 else v
        n = rng.choice([-1, -2, -3, 0, 2, -20, -70, -1000, rng.randint(-30, 0)])
        add("roundint", str(v), str(n), str(round(v, n)))

    # int to text and to float
    ints = [0, 1, -1, 10**4299, -(10**4299), 10**4300, 2**64, -(2**100), 2**1023, 2**1024, 2**1024 - 2**970,
            2**1024 - 2**971, 2**53 + 1, 2**54 + 3, -(2**53 + 1), 10**22, 10**23, 3**700, 7**400]
    for _ in range(1200):
        ints.append(rng.getrandbits(rng.randint(1, 1100) if rng.random() < 0.1 else rng.randint(1, 120)) * rng.choice([1, -1]))
    for v in ints:
        hx = ("-" if v < 0 else "") + "%x" % abs(v)
        add("tostr", hx, "", run(lambda: str(v), str) if abs(v) < 10**4400 else "")
        add("bin", hx, "", bin(v))
        add("oct", hx, "", oct(v))
        add("hexint", hx, "", hex(v))
        add("i2f", hx, "", run(lambda: float(v), fb))
    out = {}
    for r in sorted(rows):
        out.setdefault(FILES[r[0]], []).append("\t".join(r) + "\n")
    for name, lines in out.items():
        path = os.path.join(DATA, name + ".tsv")
        with open(path, "w") as fh:
            fh.writelines(lines)
        print(name, len(lines), "vectors,", os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
