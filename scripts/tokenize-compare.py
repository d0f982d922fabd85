"""Compares `tokenize.generate_tokens` between ladon and CPython 3.14 on many files.

Usage: scripts/tokenize-compare [--cpython PY] [--ladon BIN] [--raw] [--limit N] [FILES or DIRS...]
(default: CPython's Lib/*.py). Each interpreter dumps the tokens of every file with
`--dump`; the dumps are compared file by file, and the first differing token of each
mismatching file is shown. --raw compares `_tokenize.TokenizerIter(..., extra_tokens=False)`.
"""
import os
import sys

CPYTHON = "/root/.cache/cpython314/bin/python3.14"
LIB = "/root/.cache/cpython314/root/usr/lib/python3.14"


def dump(paths, out, raw=False):
    import io
    import tokenize
    import _tokenize
    with open(out, "w", encoding="utf-8") as f:
        for p in paths:
            try:
                with open(p, encoding="utf-8", newline="") as g:
                    src = g.read()
            except (UnicodeDecodeError, OSError):
                continue
            f.write("### %s\n" % p)
            try:
                if raw:
                    toks = _tokenize.TokenizerIter(io.StringIO(src).readline, extra_tokens=False)
                else:
                    toks = tokenize.generate_tokens(io.StringIO(src).readline)
                for t in toks:
                    f.write("%d %r %r %r %r\n" % tuple(t))
            except Exception as e:
                f.write("ERROR %s %s\n" % (type(e).__name__, e))


def split(path):
    res = {}
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("### "):
                cur = line[4:].rstrip("\n")
                res[cur] = []
            elif cur is not None:
                res[cur].append(line.rstrip("\n"))
    return res


def main():
    args = sys.argv[1:]
    if args and args[0] in ("--dump", "--dump-raw"):
        dump(args[2:], args[1], args[0] == "--dump-raw")
        return
    import subprocess
    import tempfile
    cpy = CPYTHON
    ladon = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "ladon")
    limit = None
    mode = "--dump"
    paths = []
    while args:
        a = args.pop(0)
        if a == "--cpython":
            cpy = args.pop(0)
        elif a == "--ladon":
            ladon = args.pop(0)
        elif a == "--raw":
            mode = "--dump-raw"
        elif a == "--limit":
            limit = int(args.pop(0))
        else:
            paths.append(a)
    if not paths:
        paths = [LIB]
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith(".py"))
        else:
            files.append(p)
    if limit:
        files = files[:limit]
    me = os.path.abspath(__file__)
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "cpython"), os.path.join(d, "ladon")
        subprocess.run([cpy, me, mode, a] + files, check=True)
        r = subprocess.run([ladon, me, mode, b] + files)
        if r.returncode:
            print("ladon exited with", r.returncode)
        want, got = split(a), split(b)
    same = 0
    for f in want:
        w, g = want[f], got.get(f)
        if w == g:
            same += 1
            continue
        if g is None:
            print("MISSING", f)
            continue
        for i, (x, y) in enumerate(zip(w + ["<end>"], g + ["<end>"])):
            if x != y:
                print("DIFF %s token %d\n  cpython: %s\n  ladon:   %s" % (f, i, x[:300], y[:300]))
                break
    print("%d/%d files tokenize identically" % (same, len(want)))


main()
