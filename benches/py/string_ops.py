"""string_ops: regex-free string processing.

Measures str methods (find, replace, split, partition, strip, startswith,
upper/lower, isdigit/isalpha, center/zfill), slicing and indexing, `in`
substring search, concatenation, str.translate, encode/decode round trips and
character-by-character loops. Size: number of records processed.
"""
import sys

TABLE = str.maketrans("aeiou", "AEIOU", "-")


def make_record(i):
    return "  id=%06d; name=user-%d; email=u%d@example.org; tags=a,b%d,c%d ;score=%d  " % (
        i, i, i * 7, i % 13, i % 5, (i * 37) % 1000)


def parse(record):
    fields = {}
    for part in record.strip().split(";"):
        key, sep, value = part.strip().partition("=")
        if sep:
            fields[key] = value
    return fields


def process(i):
    rec = make_record(i)
    f = parse(rec)
    name = f["name"]
    email = f["email"]
    user, _, domain = email.partition("@")
    tags = f["tags"].split(",")
    score = int(f["score"]) if f["score"].isdigit() else -1
    out = 0
    out += len(name.upper()) + len(domain.lower())
    out += rec.find("email") + rec.rfind("=") + rec.count(",")
    out += 1 if name.startswith("user") else 0
    out += 2 if domain.endswith(".org") else 0
    out += 4 if "example" in email else 0
    out += len(name.replace("user", "member").replace("-", "_"))
    out += len(name.translate(TABLE))
    out += sum(1 for ch in user if ch.isalpha())
    out += len(tags) + len("-".join(reversed(tags)))
    out += len(str(score).zfill(6)) + len(name.center(20, "*"))
    rev = name[::-1]
    out += ord(rev[0]) + ord(name[len(name) // 2])
    data = (email + "\u00e9\u4e2d").encode("utf-8")
    out += len(data) + len(data.decode("utf-8"))
    title = " ".join(w.capitalize() for w in domain.split("."))
    out += len(title) + score
    return out


def main(n):
    total = 0
    buf = []
    for i in range(n):
        total += process(i)
        if i % 1000 == 0:
            buf.append(str(total % 97))
    joined = "".join(buf)
    print("string_ops n=%d total=%d tail=%s" % (n, total, joined[-20:]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
