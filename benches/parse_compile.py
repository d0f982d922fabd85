"""Parse+compile benchmark and --compile-all correctness check (runs under CPython 3.14).

Times CPython 3.14 compiling every .py file under DIR with compile() in one process,
and `ladon --compile-all DIR` (all cores), side by side, and prints the ratio. Also checks
that every file CPython compiles, ladon compiles too.

    benches/parse-compile [--repeat N] [--parse-only] [DIR]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import warnings

FAIL_RE = re.compile(r'^FAIL (.*?): ', re.M)


def cpython_compile_all(files, parse_only):
    rejected = set()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        for path in files:
            with open(path, 'rb') as f:
                src = f.read()
            try:
                if parse_only:
                    compile(src, path, 'exec', 0x400)  # ast.PyCF_ONLY_AST
                else:
                    compile(src, path, 'exec')
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                rejected.add(path)
    return time.perf_counter() - start, rejected


def ladon_compile_all(ladon, root, parse_only):
    cmd = [ladon, '--compile-all', root] + (['--parse-only'] if parse_only else [])
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, errors='replace')
    secs = time.perf_counter() - start
    if r.returncode not in (0, 1):
        sys.exit(f'ladon --compile-all crashed (exit {r.returncode}):\n{r.stderr[-2000:]}')
    return secs, set(FAIL_RE.findall(r.stdout)), r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeat', type=int, default=1)
    ap.add_argument('--parse-only', action='store_true')
    ap.add_argument('--ladon', default=os.path.join(os.path.dirname(__file__), '..', 'target', 'release', 'ladon'))
    ap.add_argument('dir')
    args = ap.parse_args()
    files = sorted(p for d, _, ns in os.walk(args.dir) for n in ns if n.endswith('.py') and os.path.isfile(p := os.path.join(d, n)))
    size = sum(os.path.getsize(f) for f in files)
    ctimes, ltimes = [], []
    for _ in range(args.repeat):
        ct, rejected = cpython_compile_all(files, args.parse_only)
        lt, lfailed, lout = ladon_compile_all(args.ladon, args.dir, args.parse_only)
        ctimes.append(ct)
        ltimes.append(lt)
    what = 'parse' if args.parse_only else 'parse+compile'
    c, l = statistics.median(ctimes), statistics.median(ltimes)
    print(f'{what} of {len(files)} files ({size / 1e6:.1f} MB): '
          f'cpython 3.14 {c:.2f} s (1 process), ladon {l:.2f} s ({os.cpu_count()} cores): {c / l:.2f}x faster')
    known = set()
    known_path = os.environ.get('KNOWN_FAILURES')
    if known_path and os.path.exists(known_path):
        with open(known_path) as f:
            known = {os.path.join(args.dir, ln.strip()) for ln in f if ln.strip() and not ln.startswith('#')}
    wrong = sorted(lfailed - rejected)
    if os.environ.get('WRITE_FAILURES'):
        with open(os.environ['WRITE_FAILURES'], 'w') as f:
            f.write('# Files CPython 3.14 compiles that ladon --compile-all does not yet.\n')
            f.writelines(os.path.relpath(p, args.dir) + '\n' for p in wrong)
    for path in wrong:
        line = next((ln for ln in lout.splitlines() if ln.startswith(f'FAIL {path}: ')), path)
        print(line)
    accepted_too = sorted(rejected - lfailed)
    print(f'{len(files) - len(rejected) - len(wrong)} passed, {len(wrong)} failed'
          f' (CPython rejects {len(rejected)} files; ladon accepts {len(accepted_too)} of them)')
    if known_path:
        new = [p for p in wrong if p not in known]
        print(f'parse-compile: {len(new)} failures not in {known_path}' + ''.join(f'\n  NEW {p}' for p in new))
        sys.exit(1 if new else 0)
    sys.exit(1 if wrong else 0)


main()
