# TypeError texts for wrong method calls: qualified names, missing self, too many args.
class C:
    def m(self, a, b=1): pass
    @staticmethod
    def s(x): pass
    @classmethod
    def c(cls, y): pass
    def __init__(self, v): pass
for call in [lambda: C(), lambda: C(1, 2), lambda: C(1).m(), lambda: C(1).m(1, 2, 3), lambda: C(1).m(1, c=2),
             lambda: C.m(1), lambda: C.s(), lambda: C.c(), lambda: C(1).c(1, 2), lambda: C(1).m(a=1, a2=2),
             lambda: C(1).m(1, b=2, **{"b": 3})]:
    try:
        call()
    except TypeError as e:
        print(e)
