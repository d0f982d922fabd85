# __cause__, __context__, __suppress_context__ set by raise, raise from, raise from None.
def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("implicit")
def explicit():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("explicit") from e
def suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("suppressed") from None
def from_other():
    raise ValueError("from other") from KeyError("k")
for f in [implicit, explicit, suppressed, from_other]:
    try:
        f()
    except ValueError as e:
        print(f.__name__, type(e.__cause__).__name__, type(e.__context__).__name__, e.__suppress_context__)
e = ValueError("manual")
e.__cause__ = TypeError("set by hand")
print(e.__suppress_context__, type(e.__cause__).__name__)
try:
    raise ValueError from 5
except TypeError as err:
    print(err)
try:
    try:
        raise KeyError("a")
    except KeyError as a:
        a2 = a
        raise a
except KeyError as b:
    print(b is a2, b.__context__)
def cycle():
    try:
        raise ValueError("one")
    except ValueError as one:
        try:
            raise TypeError("two")
        except TypeError as two:
            raise one
try:
    cycle()
except ValueError as v:
    print("cycle broken:", type(v.__context__).__name__, v.__context__.__context__)
