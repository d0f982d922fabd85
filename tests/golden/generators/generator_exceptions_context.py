# Exception context inside generators: raising while handling, across yields, and sys.exception().
import sys
def g():
    try:
        raise KeyError("first")
    except KeyError:
        yield sys.exception()
        yield sys.exception()
        raise ValueError("second")
it = g()
print(repr(next(it)))
print(repr(sys.exception()))
print(repr(next(it)))
try:
    next(it)
except ValueError as e:
    print(repr(e), repr(e.__context__))
def h():
    yield 1
try:
    raise TypeError("outer")
except TypeError:
    gen = h()
    next(gen)
    try:
        gen.throw(RuntimeError("thrown"))
    except RuntimeError as e:
        print(repr(e.__context__))
