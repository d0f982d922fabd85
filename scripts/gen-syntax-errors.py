#!/usr/bin/env python3
"""Regenerates the SyntaxError / SyntaxWarning parity corpus expectations.

``tests/syntax_errors/cases/*.py`` -> ``tests/syntax_errors/expected.tsv`` and
``tests/syntax_errors/warnings/*.py`` -> ``tests/syntax_errors/warnings.tsv``.

Must run under CPython 3.14 (the reference):

    /root/.cache/cpython314/bin/python3.14 scripts/gen-syntax-errors.py

Each case file is compiled from its exact bytes with
``compile(source_bytes, name, 'exec')`` (the full compile, so symtable and
compiler errors count too) and the raised exception is recorded as

    name <TAB> type <TAB> lineno <TAB> offset <TAB> end_lineno <TAB> end_offset <TAB> msg

Offsets are CPython's: 1-based *character* offsets into the decoded line; a
missing value (None) is written as 0. In ``msg`` backslash, tab, newline and
carriage return are escaped as ``\\\\``, ``\\t``, ``\\n``, ``\\r``.

SyntaxWarnings are silenced (they are not errors). Cases that compile without
error, or raise something other than a SyntaxError subclass, are reported on
stderr and left out of expected.tsv; the exit status is 1 if there are any, so
they get fixed or deleted rather than silently ignored.

Warning cases must compile and emit at least one SyntaxWarning. Their row is

    name <TAB> count <TAB> lineno <TAB> offset <TAB> end_lineno <TAB> end_offset <TAB> msg

for the *first* warning, ``count`` being how many SyntaxWarnings the compile
emitted. The position comes from compiling again with SyntaxWarning turned
into an error (CPython then raises a SyntaxError at the warning's position,
which the warning object itself does not carry).
"""

import os
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "syntax_errors")
CASES = os.path.join(CORPUS, "cases")
EXPECTED = os.path.join(CORPUS, "expected.tsv")
WARN_CASES = os.path.join(CORPUS, "warnings")
WARN_EXPECTED = os.path.join(CORPUS, "warnings.tsv")

HEADER = "# file\ttype\tlineno\toffset\tend_lineno\tend_offset\tmsg"
WARN_HEADER = "# file\tcount\tlineno\toffset\tend_lineno\tend_offset\tmsg"


def escape(msg):
    return (
        msg.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def run_case(name, source):
    """Returns the expected.tsv row for one case, or an error string."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, name, "exec")
        except SyntaxError as e:
            fields = [
                name,
                type(e).__name__,
                e.lineno or 0,
                e.offset or 0,
                e.end_lineno or 0,
                e.end_offset or 0,
                escape(e.msg),
            ]
            return "\t".join(str(f) for f in fields), None
        except Exception as e:  # noqa: BLE001 - reported, not swallowed
            return None, f"raised {type(e).__name__}: {e}"
    return None, "compiles without error"


def run_warning_case(name, source):
    """Returns the warnings.tsv row for one warning case, or an error string."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(source, name, "exec")
        except Exception as e:  # noqa: BLE001 - reported, not swallowed
            return None, f"raised {type(e).__name__}: {e}"
    caught = [w for w in caught if issubclass(w.category, SyntaxWarning)]
    if not caught:
        return None, "emits no SyntaxWarning"
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntaxWarning)
        try:
            compile(source, name, "exec")
        except SyntaxError as e:
            # The error drops the warning's "Such sequences will not work in the
            # future." sentence, so only the position is taken from it.
            if e.lineno != caught[0].lineno:
                return None, f"warning line {caught[0].lineno} != error line {e.lineno}"
            fields = [
                name,
                len(caught),
                e.lineno or 0,
                e.offset or 0,
                e.end_lineno or 0,
                e.end_offset or 0,
                escape(str(caught[0].message)),
            ]
            return "\t".join(str(f) for f in fields), None
    return None, "warning did not become an error under -W error"


def generate(case_dir, out_path, header, run):
    """Runs every case in case_dir, writes out_path; returns the problems."""
    names = sorted(n for n in os.listdir(case_dir) if n.endswith(".py"))
    rows, problems = [], []
    for name in names:
        with open(os.path.join(case_dir, name), "rb") as f:
            source = f.read()
        row, problem = run(name, source)
        if row is None:
            problems.append(f"{name}: {problem}")
        else:
            rows.append(row)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(row + "\n")
    print(f"{len(rows)} cases written to {os.path.relpath(out_path, ROOT)}")
    return problems


def main():
    if sys.version_info[:2] != (3, 14):
        sys.exit(f"need CPython 3.14, this is {sys.version.split()[0]}")
    problems = generate(CASES, EXPECTED, HEADER, run_case)
    problems += generate(WARN_CASES, WARN_EXPECTED, WARN_HEADER, run_warning_case)
    for p in problems:
        print("DROPPED " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
