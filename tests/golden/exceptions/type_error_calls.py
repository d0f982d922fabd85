# TypeError texts for bad calls: missing/extra/duplicate/unexpected arguments, posonly, kwonly.
def f(a, b, /, c, *, d, e=5): pass
def g(x, y=1): pass
def h(*, k): pass
def v(*args, **kwargs): pass
def nothing(): pass
NONE, FIVE, S = None, 5, "s"
cases = [
    lambda: f(1, 2, 3), lambda: f(1, 2, 3, 4), lambda: f(1, 2), lambda: f(1, b=2, c=3, d=4), lambda: f(1, 2, 3, d=4, z=0),
    lambda: g(), lambda: g(1, 2, 3), lambda: g(1, x=1), lambda: g(1, yy=2), lambda: h(1), lambda: h(), lambda: nothing(1),
    lambda: nothing(a=1), lambda: g(*[1, 2, 3, 4]), lambda: (lambda a, b, c: 0)(), lambda: f(a=1, b=2, c=3, d=4),
    lambda: len(), lambda: len(1, 2), lambda: len(obj=[]), lambda: "x".split(1, 2, 3), lambda: int("1", base=2, x=1),
    lambda: dict.get(), lambda: [].append(), lambda: sorted([], None), lambda: print(x=1), lambda: isinstance(1),
    lambda: divmod(1), lambda: max(), lambda: g(**{"x": 1, "z": 2}), lambda: NONE(), lambda: FIVE(), lambda: S(),
]
for c in cases:
    try:
        c()
        print("no error")
    except TypeError as e:
        print(e)
