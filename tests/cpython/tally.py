"""Orchestrates tests/cpython/run (runs under CPython 3.14; the tests run under ladon)."""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import tempfile
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LADON = os.path.join(ROOT, "target", "release", "ladon")
DRIVER = os.path.join(ROOT, "tests", "cpython", "driver.py")
RESULT = re.compile(
    r"RESULT (\S+) ran=(\d+) failures=(\d+) errors=(\d+) skipped=(\d+) expected_failures=(\d+)"
)


def test_dir():
    out = subprocess.run(
        [os.path.join(ROOT, "scripts", "cpython314"), "--tests"],
        check=True, capture_output=True, text=True,
    )
    return out.stdout.strip()


def all_modules(tests):
    names = []
    for entry in sorted(os.listdir(tests)):
        path = os.path.join(tests, entry)
        if entry.startswith("test_") and entry.endswith(".py"):
            names.append(entry[:-3])
        elif entry.startswith("test_") and os.path.isdir(path) and os.path.exists(
            os.path.join(path, "__init__.py")
        ):
            names.append(entry)
    return names


KNOWN = ("ok", "fail", "timeout", "skip")

# Modules not run, and why. test_pdb's scripts write files through pdb's current frame
# (`open($_frame.f_code.co_filename, "w")`); ladon has no tracing yet, so that frame is one of
# bdb.py's and the test overwrites the standard library's bdb.py.
EXCLUDED = {
    "test_pdb": "overwrites Lib/bdb.py while ladon has no tracing",
    "test_remote_pdb": "drives pdb like test_pdb",
}


def run_one(name, timeout):
    start = time.monotonic()
    if name in EXCLUDED:
        return name, "skip", 0, 0, 0, 0.0
    # Each module runs in its own scratch directory, as CPython's regrtest does: tests write
    # temporary files into the current directory.
    cwd = tempfile.mkdtemp(prefix="ladon-libtest-")
    try:
        p = subprocess.run(
            [LADON, DRIVER, "test." + name],
            capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
            errors="replace", cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        return name, "timeout", 0, 0, 0, time.monotonic() - start
    finally:
        shutil.rmtree(cwd, ignore_errors=True)
    secs = time.monotonic() - start
    m = RESULT.search(p.stdout)
    if not m and "SKIP-MODULE" in p.stdout:
        return name, "skip", 0, 0, 0, secs
    if not m:
        if "IMPORT-ERROR" in p.stdout:
            why = "import: " + p.stdout.split("IMPORT-ERROR", 1)[1].strip().split("\n")[0][:100]
        elif p.returncode < 0 or "panicked" in p.stderr:
            why = "crash (rc %d)" % p.returncode
        else:
            tail = (p.stderr.strip().splitlines() or ["?"])[-1]
            why = "died (rc %d): %s" % (p.returncode, tail[:100])
        return name, why, 0, 0, 0, secs
    ran, fail, err, skip = (int(m.group(i)) for i in (2, 3, 4, 5))
    status = "ok" if fail == 0 and err == 0 else "fail"
    return name, status, ran, fail + err, skip, secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--out")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    names = args.names or all_modules(test_dir())
    rows = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for row in pool.map(lambda n: run_one(n, args.timeout), names):
            name, status, ran, bad, skip, secs = row
            print("%-32s %-8s ran=%-5d failed=%-4d skipped=%-4d %6.1fs" % (
                name, status if status in KNOWN else "error",
                ran, bad, skip, secs) + ("" if status in KNOWN else "  " + status),
                flush=True)
            rows.append(row)
    ok = sum(1 for r in rows if r[1] == "ok")
    skipped_modules = sum(1 for r in rows if r[1] == "skip")
    ran = sum(r[2] for r in rows)
    bad = sum(r[3] for r in rows)
    skipped = sum(r[4] for r in rows)
    passed = ran - bad - skipped
    print("cpython tests: %d/%d modules pass entirely (%d skip themselves here); "
          "%d tests ran, %d passed, %d failed, %d skipped"
          % (ok, len(rows) - skipped_modules, skipped_modules, ran, passed, bad, skipped))
    if args.out:
        with open(args.out, "w") as f:
            f.write("module\tstatus\tran\tfailed\tskipped\tseconds\n")
            for r in rows:
                f.write("%s\t%s\t%d\t%d\t%d\t%.1f\n" % r)


if __name__ == "__main__":
    main()
