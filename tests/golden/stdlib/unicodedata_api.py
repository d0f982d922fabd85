# unicodedata: every function's results and CPython's errors on a few characters.
import unicodedata as U

CHARS = "a5½Ⅻ٣é\u0301\uac00\u4e00\U0001F600\u00a0(\u2028\uffff\U000e0001\u05d0"


def show(expr):
    try:
        print(expr, "->", repr(eval(expr)))
    except Exception as e:
        print(expr, "!!", type(e).__name__, e)


for db in ("U", "U.ucd_3_2_0"):
    print("==", db)
    for c in CHARS:
        for f in ("category", "bidirectional", "combining", "mirrored",
                  "east_asian_width", "decomposition"):
            show(f"{db}.{f}({c!r})")
        for f in ("name", "decimal", "digit", "numeric"):
            show(f"{db}.{f}({c!r}, 'dflt')")
            show(f"{db}.{f}({c!r})")
    for n in ("LATIN SMALL LETTER A", "latin small letter a", "HANGUL SYLLABLE GAG",
              "CJK UNIFIED IDEOGRAPH-4E00", "LINE FEED", "BYTE ORDER MARK", "nope", "é",
              "a" * 300, "ADLAM CAPITAL LETTER BA"):
        show(f"{db}.lookup({n!r})")
    show(f"{db}.lookup(b'DIGIT ONE')")
    show(f"{db}.lookup(1)")
    for form in ("NFC", "NFD", "NFKC", "NFKD", "nfc", "X"):
        for s in ("Ç", "C\u0327", "ﬁ", "\uac00", "\u1100\u1161\u11a8", "Å", "a\u0328\u0301", ""):
            show(f"{db}.normalize({form!r}, {s!r})")
            show(f"{db}.is_normalized({form!r}, {s!r})")
    show(f"{db}.unidata_version")
    for bad in ("''", "'ab'", "1", "None"):
        show(f"{db}.name({bad})")
        show(f"{db}.category({bad})")
        show(f"{db}.decimal({bad}, 0)")
    show(f"{db}.normalize(1, 'a')")
    show(f"{db}.normalize('NFC', 1)")
    show(f"{db}.name()")
    show(f"{db}.name('a', 1, 2)")

print(type(U.ucd_3_2_0) is U.UCD, U.UCD.__name__, U.UCD.__module__)
show("U.UCD()")
s = "already"
print(U.normalize("NFC", s) is s)
