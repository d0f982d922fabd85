# Special methods are looked up on the type, not the instance.
class C:
    def __len__(self): return 1
    def __repr__(self): return "C()"
c = C()
c.__len__ = lambda: 100
c.__repr__ = lambda: "instance repr"
print(len(c), repr(c), c.__len__(), c.__repr__())
class NoAdd: pass
n = NoAdd()
n.__add__ = lambda o: "instance add"
try:
    n + 1
except TypeError as e:
    print(e)
C.__len__ = lambda self: 5
print(len(c))
class Dyn: pass
d = Dyn()
Dyn.__iter__ = lambda self: iter([1, 2])
Dyn.__getitem__ = lambda self, k: k * 2
Dyn.__bool__ = lambda self: False
print(list(d), d[21], bool(d))
del Dyn.__bool__
print(bool(d))
class Meta(type):
    def __len__(cls): return 42
    def __getitem__(cls, k): return f"Meta[{k}]"
class WithMeta(metaclass=Meta): pass
print(len(WithMeta), WithMeta["x"])
