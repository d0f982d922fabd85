#!/usr/bin/env python3.14
"""Writes Unicode database test vectors from CPython 3.14 (vm/tests/text_unicode.rs):

    vm/tests/data/unicode_chars.tsv    per code point (all below U+0800, a sample above):
        cp, flags, decimal, digit, numeric, lower, upper, title, casefold, category,
        bidirectional, combining, mirrored, east_asian_width, decomposition, name
    vm/tests/data/unicode_strings.tsv  per string (hex code points, space-separated):
        op, input, expected (str methods with context rules, normalize, isidentifier)
    vm/tests/data/unicode_lookup.tsv   unicodedata.lookup(name): name, cp or !error
    vm/tests/data/ucd32_digest.tsv     the same for unicodedata.ucd_3_2_0 (its own fields)
    vm/tests/data/unicode_digest.tsv   every code point: per block of 4096, the 64-bit
        FNV-1a hash of its unicode_chars-style rows (plus a linebreak column), so the
        whole database is checked without storing it

flags has one letter per true predicate: a isalpha, d isdecimal, g isdigit, n isnumeric,
l islower, u isupper, t istitle, s isspace, p isprintable, i isidentifier.

Run:  /root/.cache/cpython314/bin/python3.14 scripts/gen-vm-unidata.py
"""
import os
import random
import sys
import unicodedata as ud

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "vm", "tests", "data")


def hx(s):
    return " ".join("%X" % ord(c) for c in s)


def flags(ch):
    preds = [("a", ch.isalpha), ("d", ch.isdecimal), ("g", ch.isdigit), ("n", ch.isnumeric),
             ("l", ch.islower), ("u", ch.isupper), ("t", ch.istitle), ("s", ch.isspace),
             ("p", ch.isprintable), ("i", ch.isidentifier)]
    return "".join(k for k, f in preds if f()) or "-"


def char_row(cp):
    ch = chr(cp)
    num = ud.numeric(ch, None)
    return "\t".join([
        "%X" % cp, flags(ch), str(ud.decimal(ch, -1)), str(ud.digit(ch, -1)),
        repr(num) if num is not None else "-", hx(ch.lower()), hx(ch.upper()), hx(ch.title()),
        hx(ch.casefold()), ud.category(ch), ud.bidirectional(ch) or "-", str(ud.combining(ch)),
        str(ud.mirrored(ch)), ud.east_asian_width(ch), ud.decomposition(ch) or "-",
        ud.name(ch, "-"),
    ])


def fnv1a(data, h=0xCBF29CE484222325):
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def digest_row(cp):
    ch = chr(cp)
    lb = "1" if len(("a" + ch + "b").splitlines()) == 2 else "0"
    return (char_row(cp) + "\t" + lb + "\n").encode("utf-8", "surrogatepass")


def ucd32_row(cp):
    o, ch = ud.ucd_3_2_0, chr(cp)
    num = o.numeric(ch, None)
    return ("\t".join([
        "%X" % cp, o.category(ch), o.bidirectional(ch) or "-", o.east_asian_width(ch),
        str(o.mirrored(ch)), str(o.combining(ch)), str(o.decimal(ch, -1)), str(o.digit(ch, -1)),
        repr(num) if num is not None else "-", o.decomposition(ch) or "-", o.name(ch, "-"),
    ]) + "\n").encode("ascii")


def main():
    assert sys.version_info[:2] == (3, 14), "run with CPython 3.14"
    rng = random.Random(16)
    cps = list(range(0x800))
    cps += [0xAC00, 0xD7A3, 0xD800, 0xDFFF, 0xFB01, 0x1E9E, 0x0130, 0x1F600, 0x10FFFF, 0x4E00, 0x9FFF,
            0x13460, 0x18B00, 0x1B170, 0xF900, 0x2F800, 0x20000, 0x323AF, 0x17000, 0xE0100, 0xFFFD]
    cps += [rng.randrange(0x800, 0x30000) for _ in range(14000)]
    cps += [rng.randrange(0x30000, 0x110000) for _ in range(1500)]
    with open(os.path.join(DATA, "unicode_chars.tsv"), "w") as fh:
        for cp in sorted(set(cps)):
            fh.write(char_row(cp) + "\n")

    # Strings: mixes that exercise final sigma, titlecase, special casing, normalization.
    pool = ("aAzZ \t\n.'-1\u03a3\u03c3\u03c2\u0391\u00df\ufb01\u0130\u0069\u0307\u01c5\u01c4\u01c6"
            "\u1f80\u1f88\u00e9\u0065\u0301\u0323\u0302\u1e0b\u1100\u1161\u11a8\uac00\u212b\u2126"
            "\u00c5\u0041\u030a\u0345\u03b9\u02b0\u00ad\u2160\u0660\ufb03\u0587\u1e9e\u0149")
    ops = {
        "lower": str.lower, "upper": str.upper, "title": str.title, "capitalize": str.capitalize,
        "swapcase": str.swapcase, "casefold": str.casefold,
        "NFC": lambda s: ud.normalize("NFC", s), "NFD": lambda s: ud.normalize("NFD", s),
        "NFKC": lambda s: ud.normalize("NFKC", s), "NFKD": lambda s: ud.normalize("NFKD", s),
        "isidentifier": lambda s: "1" if s.isidentifier() else "0",
        "32NFC": lambda s: ud.ucd_3_2_0.normalize("NFC", s),
        "32NFKD": lambda s: ud.ucd_3_2_0.normalize("NFKD", s),
        "preds": lambda s: "".join(k for k, f in [
            ("l", s.islower), ("u", s.isupper), ("t", s.istitle), ("a", s.isalpha),
            ("d", s.isdecimal), ("g", s.isdigit), ("n", s.isnumeric), ("N", s.isalnum),
            ("s", s.isspace), ("p", s.isprintable)] if f()) or "-",
    }
    rows = set()
    pool += "\U0002f868\U0002f91f\u0220\u9fa6\u0b55\u1e9b\u0385"
    for _ in range(2000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.3:
            s += chr(rng.randrange(0x80, 0x30000))
        for op, f in ops.items():
            r = f(s)
            rows.add((op, hx(s), r if op in ("isidentifier", "preds") else hx(r)))
    for _ in range(1700):
        s = "".join(chr(rng.randrange(0x80, 0x30000)) for _ in range(rng.randint(1, 5)))
        for op in ("NFC", "NFD", "NFKC", "NFKD", "lower", "upper", "title", "32NFC", "32NFKD"):
            rows.add((op, hx(s), hx(ops[op](s))))
    with open(os.path.join(DATA, "unicode_strings.tsv"), "w") as fh:
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")

    # lookup(): real names (some lowercased), aliases, algorithmic names, junk.
    names = []
    for cp in rng.sample(range(0x110000), 30000):
        n = ud.name(chr(cp), None)
        if n:
            names.append(n if rng.random() < 0.8 else n.lower())
    names += ["HANGUL SYLLABLE GA", "hangul syllable gag", "HANGUL SYLLABLE GGWAELH", "HANGUL SYLLABLE X",
              "CJK UNIFIED IDEOGRAPH-4E00", "cjk unified ideograph-4e00", "CJK UNIFIED IDEOGRAPH-4DC0",
              "LATIN CAPITAL LETTER GHA", "NULL", "BEL", "VS1", "VS256", "BYTE ORDER MARK", "nope", "",
              "LATIN SMALL LETTER A ", "LATIN SMALL  LETTER A", "A" * 300, "TANGUT IDEOGRAPH-17000",
              "EGYPTIAN HIEROGLYPH-13460", "LATIN SMALL LETTER R WITH TILDE", "SPACE", "space"]
    lrows = set()
    for n in names:
        try:
            r = "%X" % ord(ud.lookup(n)) if len(ud.lookup(n)) == 1 else "!seq"
        except KeyError as e:
            r = "!KeyError: " + str(e.args[0])
        if r != "!seq":
            lrows.add((n, r))
    with open(os.path.join(DATA, "unicode_lookup.tsv"), "w") as fh:
        for r in sorted(lrows):
            fh.write("\t".join(r) + "\n")
    lrows = set()
    for n in names[:3000] + ["CJK UNIFIED IDEOGRAPH-9FA6", "LATIN CAPITAL LETTER GHA", "NULL",
                             "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "EURO SIGN"]:
        try:
            r = "%X" % ord(ud.ucd_3_2_0.lookup(n)) if len(ud.ucd_3_2_0.lookup(n)) == 1 else "!seq"
        except KeyError as e:
            r = "!KeyError: " + str(e.args[0])
        if r != "!seq":
            lrows.add(("32", n, r))
    with open(os.path.join(DATA, "unicode_lookup.tsv"), "a") as fh:
        for r in sorted(lrows):
            fh.write("\t".join(r) + "\n")
    with open(os.path.join(DATA, "unicode_digest.tsv"), "w") as fh:
        for block in range(0, 0x110000, 4096):
            h = 0xCBF29CE484222325
            for cp in range(block, block + 4096):
                h = fnv1a(digest_row(cp), h)
            fh.write("%X\t%016x\n" % (block, h))
    with open(os.path.join(DATA, "ucd32_digest.tsv"), "w") as fh:
        for block in range(0, 0x110000, 4096):
            h = 0xCBF29CE484222325
            for cp in range(block, block + 4096):
                h = fnv1a(ucd32_row(cp), h)
            fh.write("%X\t%016x\n" % (block, h))
    for f in ("unicode_chars", "unicode_strings", "unicode_lookup", "unicode_digest", "ucd32_digest"):
        p = os.path.join(DATA, f + ".tsv")
        print(f, os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
