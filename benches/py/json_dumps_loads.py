"""json_dumps_loads: json.dumps and json.loads round trips of nested documents.

Measures the json module as programs use it: on CPython its C accelerator
(_json) does most of the work; a VM without _json runs json's pure-Python
encoder/scanner instead (see json_pure.py for the like-for-like variant).
Documents mix dicts, lists, str with escapes and non-ASCII, ints, floats,
bools and None. Size: number of round trips.
"""
import json
import sys


def make_doc(i):
    return {
        "id": i,
        "name": "item-%d" % i,
        "price": (i * 37 % 1000) / 8,
        "tags": ["t%d" % (i % 7), "x\ty", "quote\"d", "caf\u00e9", "\u4e2d\u6587"],
        "active": i % 2 == 0,
        "parent": None if i % 3 else i // 3,
        "dims": {"w": i % 17, "h": i % 23, "d": [1.5, -2.25, i * 1e-3]},
        "history": [{"t": j, "v": j * i % 101, "ok": j % 4 != 0} for j in range(6)],
    }


def main(n):
    docs = [make_doc(i) for i in range(40)]
    total_len = 0
    h = 0
    for k in range(n):
        text = json.dumps(docs[k % 40:] + docs[:k % 40], sort_keys=(k % 2 == 0))
        back = json.loads(text)
        if back[0]["id"] != k % 40:
            print("json_dumps_loads: round trip mismatch at", k)
        total_len += len(text)
        pretty = json.dumps(back[0], indent=2, ensure_ascii=False)
        h = (h * 33 + len(pretty) + back[-1]["dims"]["w"]) % 1000000007
    sample = json.dumps(docs[5], sort_keys=True, separators=(",", ":"))
    print("json_dumps_loads n=%d chars=%d h=%d sample=%d:%s" % (n, total_len, h, len(sample), sample[:60]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3500)
