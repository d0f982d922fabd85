# C3 linearization: diamond, complex hierarchies, and the inconsistent-MRO TypeError.
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print([k.__name__ for k in Z.__mro__])
print([k.__name__ for k in Z.mro()])
class Top: pass
class Left(Top): pass
class Right(Top): pass
class Bottom(Left, Right): pass
print([k.__name__ for k in Bottom.__mro__])
try:
    class Bad(Top, Left): pass
except TypeError as e:
    print(e)
class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass
try:
    class Conflict(XY, YX): pass
except TypeError as e:
    print(e)
try:
    class Dup(X, X): pass
except TypeError as e:
    print(e)
class Meta(type):
    def mro(cls):
        return [cls, object]
class Custom(Left, metaclass=Meta): pass
print([k.__name__ for k in Custom.__mro__])
print(bool.__mro__, int.__subclasses__().__class__.__name__)
print(sorted(c.__name__ for c in Top.__subclasses__()))
