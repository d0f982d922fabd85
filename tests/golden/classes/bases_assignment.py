# __bases__ assignment: the checks and messages, MRO recomputation of subclasses, undo on
# failure, subclass lists, a metaclass mro().
class A: pass
class B: pass
class C(A): pass
class D(C): pass
def t(cls, v):
    try:
        cls.__bases__ = v
        print("ok", [k.__name__ for k in cls.__mro__])
    except Exception as e:
        print(type(e).__name__, e)
t(C, (B,))
t(C, (A, B))
t(C, ())
t(C, [A])
t(C, (A, 1))
t(C, (D,))
t(C, (C,))
t(C, (object,))
class P: pass
t(P, (A,))
t(int, (object,))
class I(int): pass
t(I, (float,))
t(I, (A,))
class S1: __slots__ = ('a',)
class S2: __slots__ = ('a',)
class S3: __slots__ = ('b',)
class SS(S1): __slots__ = ()
t(SS, (S2,))
t(SS, (S3,))
class L(list): pass
t(C, (L,))
t(C, (A, A))
class X(A, B): pass
class Y(B, A): pass
class Z(X): pass
t(Z, (X, Y))
try:
    del C.__bases__
except Exception as e: print(type(e).__name__, e)
print([k.__name__ for k in D.__mro__])
t(C, (B,))
print([k.__name__ for k in D.__mro__], A.__subclasses__(), B.__subclasses__())
class M(type):
    def mro(cls):
        return [cls, object] if cls.__name__ == 'Q' else super().mro()
class Q(A, metaclass=M): pass
print(Q.__mro__)
t(Q, (B,))
