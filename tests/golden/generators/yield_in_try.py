# yield inside try/except/finally and with blocks; exceptions thrown at the yield point.
from contextlib import contextmanager
@contextmanager
def ctx(name):
    print("enter", name)
    try:
        yield
    finally:
        print("exit", name)
def g():
    with ctx("outer"):
        try:
            yield "in try"
        except KeyError:
            yield "handled KeyError"
        finally:
            print("finally in generator")
        yield "after try"
it = g()
print(next(it))
print(it.throw(KeyError))
print(next(it))
try:
    next(it)
except StopIteration:
    print("done")
def h():
    try:
        yield 1
    except ValueError:
        print("ValueError at yield")
        raise TypeError("converted")
x = h()
next(x)
try:
    x.throw(ValueError)
except TypeError as e:
    print(e, type(e.__context__).__name__)
