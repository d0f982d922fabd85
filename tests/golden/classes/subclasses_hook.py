# __subclasses__, __init_subclass__ bookkeeping, and class identity across redefinition.
class Base: pass
class A(Base): pass
class B(Base): pass
class C(A): pass
print([c.__name__ for c in Base.__subclasses__()], [c.__name__ for c in A.__subclasses__()])
def all_subclasses(cls):
    out = []
    for s in cls.__subclasses__():
        out.append(s.__name__)
        out.extend(all_subclasses(s))
    return out
print(all_subclasses(Base))
old_a = A
class A(Base): pass
print(old_a is A, len(Base.__subclasses__()))
print(type.__subclasses__(type) == [] or "has type subclasses", bool.__subclasses__())
