# unicodedata: digests of every property of a sample of code points, both databases.
import hashlib
import unicodedata as U

STEP = 6  # every sixth code point keeps the run short; all planes are covered


def digest(db, f):
    h = hashlib.sha256()
    for cp in range(0, 0x110000, STEP):
        h.update(repr(f(db, chr(cp))).encode())
    return h.hexdigest()[:16]


PROPS = {
    "category": lambda db, c: db.category(c),
    "bidirectional": lambda db, c: db.bidirectional(c),
    "combining": lambda db, c: db.combining(c),
    "mirrored": lambda db, c: db.mirrored(c),
    "east_asian_width": lambda db, c: db.east_asian_width(c),
    "decomposition": lambda db, c: db.decomposition(c),
    "decimal": lambda db, c: db.decimal(c, None),
    "digit": lambda db, c: db.digit(c, None),
    "numeric": lambda db, c: db.numeric(c, None),
    "name": lambda db, c: db.name(c, None),
}

for label, db in (("current", U), ("3.2.0", U.ucd_3_2_0)):
    for prop, f in PROPS.items():
        print(label, prop, digest(db, f))
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        h = hashlib.sha256()
        for cp in range(0, 0x110000, STEP):
            if 0xD800 <= cp < 0xE000:
                continue
            h.update(db.normalize(form, chr(cp)).encode())
        print(label, form, h.hexdigest()[:16])

# lookup(name(c)) == c for every named code point of the sample.
bad = 0
for cp in range(0, 0x110000, STEP * 7):
    n = U.name(chr(cp), None)
    if n is not None and U.lookup(n) != chr(cp):
        bad += 1
print("lookup round trip failures:", bad)
