# decimal's Decimal and Context behave as CPython's C types: module-qualified names in
# messages, immutable classes, __module__ 'decimal', pickling by that name; subclasses are
# ordinary classes; _pydecimal stays a separate, mutable module.
import decimal, pickle
D = decimal.Decimal
print(D.__module__, repr(D), D.__qualname__, D.__name__, bool(D.__flags__ & (1 << 8)))
print(decimal.Context.__module__, repr(decimal.Context), type(decimal.getcontext()).__name__)
print(decimal.__version__, repr(decimal.InvalidOperation))
for target, attr in [(D, "x"), (D, "__add__"), (decimal.Context, "prec"), (D, "__name__"), (D, "__doc__")]:
    try:
        setattr(target, attr, 1)
    except TypeError as e:
        print(e)
try:
    del D.__add__
except TypeError as e:
    print(e)
for expr in ["D(1) + 1.0", "1.5 * D(2)", "D(1) < 'x'", "D(1) @ D(2)"]:
    try:
        eval(expr)
    except TypeError as e:
        print(e)
print(pickle.dumps(D("1.5"), 0))
print(pickle.loads(pickle.dumps(D("1.5"))) == D("1.5"))
import _decimal
print(_decimal.__name__, _decimal.Decimal is D)
import _pydecimal
print(_pydecimal.Decimal is D, _pydecimal.Decimal.__module__)
_pydecimal.Decimal.extra = 1
print(_pydecimal.Decimal.extra, hasattr(D, "extra"))
class Money(D):
    pass
Money.currency = "EUR"
print(Money.__module__, repr(Money), Money.currency, Money(3) + 1, type(Money(3)).__name__)
# Immutable types in general: builtins and their special attributes.
for target, attr in [(int, "x"), (int, "__name__"), (int, "__module__"), (int, "__bases__")]:
    try:
        setattr(target, attr, "y")
    except TypeError as e:
        print(e)
class Plain:
    pass
for attr in ["__name__", "__qualname__", "__module__", "__doc__", "__bases__"]:
    try:
        delattr(Plain, attr)
    except TypeError as e:
        print(e)
for attr in ["__name__", "__qualname__"]:
    try:
        setattr(Plain, attr, 3)
    except TypeError as e:
        print(e)
