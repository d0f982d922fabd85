# The "as" target is deleted at the end of the handler; sys.exception() and sys.exc_info().
import sys
print(sys.exception(), sys.exc_info())
e = "outer value"
try:
    raise ValueError("x")
except ValueError as e:
    print("inside:", sys.exception() is e, sys.exc_info()[0].__name__, sys.exc_info()[1] is e)
print("e" in dir())
print(sys.exception())
try:
    raise KeyError("outer")
except KeyError:
    try:
        raise ValueError("inner")
    except ValueError:
        print("nested:", repr(sys.exception()))
    print("restored:", repr(sys.exception()))
def f():
    try:
        1 / 0
    except ZeroDivisionError as err:
        return err
saved = f()
print(type(saved).__name__, saved.__traceback__ is not None)
