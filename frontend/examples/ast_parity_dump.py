"""Writes CPython 3.14's expected AST dumps for the parity harness (ast_parity.rs).

Run with CPython 3.14:  python3.14 ast_parity_dump.py [LIB_DIR] [OUT_DIR]
For every .py file under LIB_DIR, writes OUT_DIR/<relpath>.txt holding
`ast.dump(ast.parse(src), include_attributes=True)`, or OUT_DIR/<relpath>.err holding
"<ExcName>\t<lineno>\t<offset>\t<msg>" when CPython rejects the file.
"""
import ast
import os
import sys
import warnings

lib = sys.argv[1] if len(sys.argv) > 1 else "/root/.cache/cpython314/root/usr/lib/python3.14"
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/astdump"
warnings.simplefilter("ignore")
n_ok = n_err = 0
for root, dirs, files in os.walk(lib):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith(".py"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, lib)
        dest = os.path.join(out, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        try:
            with open(path, "rb") as f:
                src = f.read()
        except OSError:
            continue  # dangling symlink
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError) as e:
            n_err += 1
            lineno = getattr(e, "lineno", 0)
            offset = getattr(e, "offset", 0)
            msg = getattr(e, "msg", str(e))
            with open(dest + ".err", "w") as f:
                f.write(f"{type(e).__name__}\t{lineno}\t{offset}\t{msg}\n")
            continue
        n_ok += 1
        with open(dest + ".txt", "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(ast.dump(tree, include_attributes=True))
print(f"{n_ok} parsed, {n_err} rejected")
