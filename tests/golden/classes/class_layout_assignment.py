# __class__ assignment between classes with __slots__ (same slots in another order, sibling
# layouts, dict and weakref support), and the order of a new class's namespace.
class G: __slots__ = ["a", "b"]
class H: __slots__ = ["b", "a"]
class I: __slots__ = ["a", "b"]
class J: __slots__ = ["c", "b"]
class K: __slots__ = ["a", "b", "d"]
class L(H): __slots__ = ["e"]
class M(I): __slots__ = ["e"]
class N(J): __slots__ = ["__weakref__"]
class P(J): __slots__ = ["__dict__"]
class Q(J): pass
class R(J): __slots__ = ["__dict__", "__weakref__"]
for cls, cls2 in ((G, H), (G, I), (I, H), (Q, R), (R, Q)):
    x = cls()
    x.b = 1
    x.__class__ = cls2
    x.__class__ = cls
    print(cls.__name__, cls2.__name__, x.b)
for cls in G, J, K, L, M, N, P, R, list:
    for cls2 in G, J, K, L, M, N, P, R, list:
        if cls is not cls2:
            try:
                cls().__class__ = cls2
                print("allowed", cls.__name__, cls2.__name__)
            except TypeError as e:
                print(e)
class S: __slots__ = ["b", "a", "__weakref__"]
print(list(S.__dict__))
class Plain: pass
print(list(Plain.__dict__))
class WithEq:
    "doc"
    def __eq__(self, o): return True
print(list(WithEq.__dict__))
class Exc(Exception): pass
print(list(Exc.__dict__))
class Meta(type): pass
print(list(Meta.__dict__))
class Str(str): pass
print(list(Str.__dict__))
