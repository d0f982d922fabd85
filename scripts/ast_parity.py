"""Driver of scripts/ast-parity (runs under CPython 3.14)."""
import ast
import os
import re
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor

LINE_RE = re.compile(r'^  File ".*", line (\d+)$', re.M)


def expected(path):
    """('ok', dump) or ('error', lineno) as CPython 3.14 sees the file."""
    with open(path, 'rb') as f:
        src = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            tree = ast.parse(src, filename=path)
        except SyntaxError as e:
            return ('error', e.lineno)
        except (ValueError, RecursionError, MemoryError) as e:
            return ('error', None)
    return ('ok', ast.dump(tree, include_attributes=True) + '\n')


def check(ladon, path):
    kind, want = expected(path)
    try:
        r = subprocess.run([ladon, '--dump-ast', path], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return path, 'ladon timed out'
    out = r.stdout.decode('utf-8', 'surrogateescape')
    err = r.stderr.decode('utf-8', 'replace')
    if r.returncode not in (0, 1):
        return path, f'ladon exited {r.returncode}: {err.strip()[-300:]}'
    if kind == 'ok':
        if r.returncode != 0:
            return path, f'CPython parses it, ladon says: {err.strip()[-300:]}'
        if out != want:
            i = next((i for i, (a, b) in enumerate(zip(out, want)) if a != b), min(len(out), len(want)))
            return path, f'dump differs at char {i}:\n  ladon:   ...{out[max(0, i-80):i+80]!r}\n  cpython: ...{want[max(0, i-80):i+80]!r}'
        return path, None
    if r.returncode != 1:
        return path, f'CPython rejects it (line {want}), ladon parsed it'
    m = LINE_RE.search(err)
    got = int(m.group(1)) if m else None
    if want is not None and got != want:
        return path, f'SyntaxError line differs: CPython {want}, ladon {got}: {err.strip()[-200:]}'
    return path, None


def main():
    ladon, root = sys.argv[1], sys.argv[2]
    # A ratchet while parity is incomplete: files listed (relative to root) may fail;
    # any other failure fails the run, and a listed file that now passes is reported.
    known = set()
    known_path = os.environ.get('KNOWN_FAILURES')
    if known_path and os.path.exists(known_path):
        with open(known_path) as f:
            known = {ln.strip() for ln in f if ln.strip() and not ln.startswith('#')}
    if not os.access(ladon, os.X_OK):
        sys.exit(f'ast-parity: {ladon} is not built (cargo build --release)')
    files = []
    for d, _, names in os.walk(root):
        files.extend(os.path.join(d, n) for n in names if n.endswith('.py') and os.path.isfile(os.path.join(d, n)))
    files.sort()
    jobs = int(os.environ.get('JOBS', os.cpu_count() or 2))
    failed, new_failures, fixed = [], [], []
    with ThreadPoolExecutor(jobs) as pool:
        for path, problem in pool.map(lambda p: check(ladon, p), files):
            rel = os.path.relpath(path, root)
            if problem:
                failed.append(rel)
                if rel not in known:
                    new_failures.append(rel)
                print(f'FAIL {path}: {problem}')
            elif rel in known:
                fixed.append(rel)
    if os.environ.get('WRITE_FAILURES'):
        with open(os.environ['WRITE_FAILURES'], 'w') as f:
            f.write('# Files of CPython 3.14\'s Lib/ whose AST does not match yet (scripts/ast-parity).\n')
            f.writelines(rel + '\n' for rel in failed)
    if known_path:
        print(f'ast-parity: {len(fixed)} known failures now pass; {len(new_failures)} new failures'
              + ''.join(f'\n  NEW {rel}' for rel in new_failures))
    print(f'{len(files) - len(failed)} passed, {len(failed)} failed')
    sys.exit(1 if (new_failures if known_path else failed) else 0)


main()
