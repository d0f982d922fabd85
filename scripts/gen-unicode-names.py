#!/usr/bin/env python3.14
"""Generates the `\\N{...}` name table of Ladon's tokenizer from CPython's unicodedata.

Run under CPython 3.14 (its Unicode version is the one Ladon matches):
    /root/.cache/cpython314/bin/python3.14 scripts/gen-unicode-names.py

Writes frontend/src/tokenizer/unicode_names.bin and names_table.rs.

unicode_names.bin (all integers u32 little-endian):
    b"LNM1", count N, blob length B,
    N+1 name offsets into the blob (sorted by name; name i is blob[off[i]..off[i+1]]),
    N code points,
    the blob (ASCII names, no separators).
Names of the form PREFIX-XXXX (hex code point: CJK, Tangut, ...) are stored as ranges
in names_table.rs instead; Hangul syllables are computed by the lookup code.
Formal name aliases (NameAliases.txt) are included; each is checked against
unicodedata.lookup so the table never accepts a name CPython rejects.
"""
import os
import struct
import sys
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT_DIR = os.path.join(ROOT, "frontend", "src", "tokenizer")

# Formal name aliases (Unicode NameAliases.txt), minus the VSnnn abbreviations,
# which are generated below. Checked against unicodedata.lookup at generation time.
ALIASES = """
0000 NULL;NUL
0001 START OF HEADING;SOH
0002 START OF TEXT;STX
0003 END OF TEXT;ETX
0004 END OF TRANSMISSION;EOT
0005 ENQUIRY;ENQ
0006 ACKNOWLEDGE;ACK
0007 ALERT;BEL
0008 BACKSPACE;BS
0009 CHARACTER TABULATION;HORIZONTAL TABULATION;HT;TAB
000A LINE FEED;NEW LINE;END OF LINE;LF;NL;EOL
000B LINE TABULATION;VERTICAL TABULATION;VT
000C FORM FEED;FF
000D CARRIAGE RETURN;CR
000E SHIFT OUT;LOCKING-SHIFT ONE;SO
000F SHIFT IN;LOCKING-SHIFT ZERO;SI
0010 DATA LINK ESCAPE;DLE
0011 DEVICE CONTROL ONE;DC1
0012 DEVICE CONTROL TWO;DC2
0013 DEVICE CONTROL THREE;DC3
0014 DEVICE CONTROL FOUR;DC4
0015 NEGATIVE ACKNOWLEDGE;NAK
0016 SYNCHRONOUS IDLE;SYN
0017 END OF TRANSMISSION BLOCK;ETB
0018 CANCEL;CAN
0019 END OF MEDIUM;EOM
001A SUBSTITUTE;SUB
001B ESCAPE;ESC
001C INFORMATION SEPARATOR FOUR;FILE SEPARATOR;FS
001D INFORMATION SEPARATOR THREE;GROUP SEPARATOR;GS
001E INFORMATION SEPARATOR TWO;RECORD SEPARATOR;RS
001F INFORMATION SEPARATOR ONE;UNIT SEPARATOR;US
0020 SP
007F DELETE;DEL
0080 PADDING CHARACTER;PAD
0081 HIGH OCTET PRESET;HOP
0082 BREAK PERMITTED HERE;BPH
0083 NO BREAK HERE;NBH
0084 INDEX;IND
0085 NEXT LINE;NEL
0086 START OF SELECTED AREA;SSA
0087 END OF SELECTED AREA;ESA
0088 CHARACTER TABULATION SET;HORIZONTAL TABULATION SET;HTS
0089 CHARACTER TABULATION WITH JUSTIFICATION;HORIZONTAL TABULATION WITH JUSTIFICATION;HTJ
008A LINE TABULATION SET;VERTICAL TABULATION SET;VTS
008B PARTIAL LINE FORWARD;PARTIAL LINE DOWN;PLD
008C PARTIAL LINE BACKWARD;PARTIAL LINE UP;PLU
008D REVERSE LINE FEED;REVERSE INDEX;RI
008E SINGLE SHIFT TWO;SINGLE-SHIFT-2;SS2
008F SINGLE SHIFT THREE;SINGLE-SHIFT-3;SS3
0090 DEVICE CONTROL STRING;DCS
0091 PRIVATE USE ONE;PRIVATE USE-1;PU1
0092 PRIVATE USE TWO;PRIVATE USE-2;PU2
0093 SET TRANSMIT STATE;STS
0094 CANCEL CHARACTER;CCH
0095 MESSAGE WAITING;MW
0096 START OF GUARDED AREA;START OF PROTECTED AREA;SPA
0097 END OF GUARDED AREA;END OF PROTECTED AREA;EPA
0098 START OF STRING;SOS
0099 SINGLE GRAPHIC CHARACTER INTRODUCER;SGC
009A SINGLE CHARACTER INTRODUCER;SCI
009B CONTROL SEQUENCE INTRODUCER;CSI
009C STRING TERMINATOR;ST
009D OPERATING SYSTEM COMMAND;OSC
009E PRIVACY MESSAGE;PM
009F APPLICATION PROGRAM COMMAND;APC
00A0 NBSP
00AD SHY
01A2 LATIN CAPITAL LETTER GHA
01A3 LATIN SMALL LETTER GHA
034F CGJ
061C ALM
0709 SYRIAC SUBLINEAR COLON SKEWED LEFT
0CDE KANNADA LETTER LLLA
0E9D LAO LETTER FO FON
0E9F LAO LETTER FO FAY
0EA3 LAO LETTER RO
0EA5 LAO LETTER LO
0FD0 TIBETAN MARK BKA- SHOG GI MGO RGYAN
11EC HANGUL JONGSEONG YESIEUNG-KIYEOK
11ED HANGUL JONGSEONG YESIEUNG-SSANGKIYEOK
11EE HANGUL JONGSEONG SSANGYESIEUNG
11EF HANGUL JONGSEONG YESIEUNG-KHIEUKH
180B FVS1
180C FVS2
180D FVS3
180E MVS
180F FVS4
1BBD SUNDANESE LETTER ARCHAIC I
200B ZWSP
200C ZWNJ
200D ZWJ
200E LRM
200F RLM
202A LRE
202B RLE
202C PDF
202D LRO
202E RLO
202F NNBSP
205F MMSP
2060 WJ
2066 LRI
2067 RLI
2068 FSI
2069 PDI
2118 WEIERSTRASS ELLIPTIC FUNCTION
2448 MICR ON US SYMBOL
2449 MICR DASH SYMBOL
2B7A LEFTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE
2B7C RIGHTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE
A015 YI SYLLABLE ITERATION MARK
FE18 PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRACKET
FEFF BYTE ORDER MARK;BOM;ZWNBSP
122D4 CUNEIFORM SIGN NU11 TENU
122D5 CUNEIFORM SIGN NU11 OVER NU11 BUR OVER BUR
16E56 MEDEFAIDRIN CAPITAL LETTER H
16E57 MEDEFAIDRIN CAPITAL LETTER NG
16E76 MEDEFAIDRIN SMALL LETTER H
16E77 MEDEFAIDRIN SMALL LETTER NG
1B001 HENTAIGANA LETTER E-1
1D0C5 BYZANTINE MUSICAL SYMBOL FTHORA SKLIRON CHROMA VASIS
1E899 MENDE KIKAKUI SYLLABLE M172 MBO
1E89A MENDE KIKAKUI SYLLABLE M174 MBOO
"""


def aliases():
    for line in ALIASES.strip().splitlines():
        cp, names = line.split(" ", 1)
        for name in names.split(";"):
            yield name, int(cp, 16)
    for i in range(16):
        yield f"VS{i + 1}", 0xFE00 + i
    for i in range(240):
        yield f"VS{i + 17}", 0xE0100 + i


def main():
    entries = {}
    ranges = []  # [prefix, start, end]
    for cp in range(0x110000):
        name = unicodedata.name(chr(cp), None)
        if name is None or name.startswith("HANGUL SYLLABLE "):
            continue
        for width in (4, 5):
            suffix = "-" + format(cp, f"0{width}X")
            if name.endswith(suffix):
                prefix = name[: -len(suffix) + 1]
                if ranges and ranges[-1][0] == prefix and ranges[-1][2] == cp - 1:
                    ranges[-1][2] = cp
                else:
                    ranges.append([prefix, cp, cp])
                break
        else:
            entries[name] = cp
    skipped = 0
    for name, cp in aliases():
        try:
            ok = unicodedata.lookup(name) == chr(cp)
        except KeyError:
            ok = False
        if ok and name not in entries:
            entries[name] = cp
        elif not ok:
            skipped += 1
    names = sorted(entries)
    blob = bytearray()
    offsets = []
    for n in names:
        offsets.append(len(blob))
        blob += n.encode("ascii")
    offsets.append(len(blob))
    out = bytearray(b"LNM1")
    out += struct.pack("<II", len(names), len(blob))
    out += struct.pack(f"<{len(offsets)}I", *offsets)
    out += struct.pack(f"<{len(names)}I", *(entries[n] for n in names))
    out += blob
    with open(os.path.join(OUT_DIR, "unicode_names.bin"), "wb") as f:
        f.write(out)
    with open(os.path.join(OUT_DIR, "names_table.rs"), "w") as f:
        f.write(
            "//! Generated by `scripts/gen-unicode-names.py` from CPython "
            f"{sys.version.split()[0]} (Unicode {unicodedata.unidata_version}). "
            "Do not edit by hand.\n\n"
        )
        f.write("/// The sorted name table; format in the generator's docstring.\n")
        f.write('pub(super) static NAMES_BIN: &[u8] = include_bytes!("unicode_names.bin");\n\n')
        f.write("/// Algorithmic names `PREFIX-XXXX`: (prefix with its dash, first, last).\n")
        f.write("pub(super) static HEX_RANGES: &[(&str, u32, u32)] = &[\n")
        for prefix, start, end in ranges:
            f.write(f'    ("{prefix}", 0x{start:X}, 0x{end:X}),\n')
        f.write("];\n")
    print(f"{len(names)} names, {len(ranges)} ranges, {len(out)} bytes, {skipped} aliases skipped")


main()
