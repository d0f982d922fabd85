"""Runs one module of CPython's test suite (Lib/test) under the interpreter running this file.

Usage: driver.py test.test_bool
Prints the unittest report on stderr and, last on stdout, one line:
    RESULT <module> ran=<n> failures=<n> errors=<n> skipped=<n> expected_failures=<n>
The runner (tests/cpython/run) gives each module a time limit and tallies the lines.
"""
import sys
import unittest


def main():
    name = sys.argv[1]
    try:
        suite = unittest.defaultTestLoader.loadTestsFromName(name)
    except unittest.SkipTest as e:  # the module skips itself (platform, missing C module)
        print("SKIP-MODULE %s %s" % (name, e))
        return 0
    except BaseException as e:  # an import error is the whole module failing
        print("IMPORT-ERROR %s %s: %s" % (name, type(e).__name__, e))
        return 2
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=1)
    result = runner.run(suite)
    print(
        "RESULT %s ran=%d failures=%d errors=%d skipped=%d expected_failures=%d"
        % (
            name,
            result.testsRun,
            len(result.failures),
            len(result.errors),
            len(result.skipped),
            len(result.expectedFailures),
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
