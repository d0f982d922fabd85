"""exceptions: raising and catching exceptions in many shapes.

Measures raise/except through several frames, exception class matching along a
hierarchy, try/finally and with-statement exit paths, exception chaining
(`raise ... from`), re-raise, StopIteration from next() and KeyError/IndexError
from built-in lookups. Size: number of outer iterations.
"""
import sys


class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class NotFound(AppError):
    pass


class Invalid(AppError):
    pass


class Guard:
    entered = 0
    exited = 0

    def __enter__(self):
        Guard.entered += 1
        return self

    def __exit__(self, typ, value, tb):
        Guard.exited += 1
        return typ is Invalid  # swallow Invalid, propagate the rest


def lookup(table, key, depth):
    if depth:
        return lookup(table, key, depth - 1)
    try:
        return table[key]
    except KeyError:
        raise NotFound(key) from None


def validate(x):
    if x % 3 == 0:
        raise Invalid(x)
    if x % 5 == 0:
        raise ValueError(x)
    return x


def main(n):
    table = {i: i * i for i in range(0, 100, 2)}
    items = list(range(10))
    caught = 0
    total = 0
    finallies = 0
    for i in range(n):
        key = i % 100
        try:
            total += lookup(table, key, 4)
        except AppError as e:
            caught += 1
            total += e.code
        try:
            try:
                validate(i)
            finally:
                finallies += 1
        except (Invalid, ValueError) as e:
            caught += 1
            total += e.args[0] & 7
        with Guard():
            if i & 1:
                raise Invalid(i)
        try:
            with Guard():
                raise NotFound(i)
        except NotFound:
            caught += 1
        try:
            items[i % 20]
        except IndexError:
            caught += 1
        it = iter(())
        try:
            next(it)
        except StopIteration:
            caught += 1
        try:
            try:
                raise KeyError(i)
            except KeyError as e:
                raise AppError(i) from e
        except AppError as e:
            if isinstance(e.__cause__, KeyError):
                caught += 1
        try:
            try:
                int("x%d" % i)
            except ValueError:
                raise
        except ValueError:
            caught += 1
    total %= 1000000007
    print("exceptions n=%d caught=%d total=%d finally=%d guards=%d/%d"
          % (n, caught, total, finallies, Guard.entered, Guard.exited))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300_000)
