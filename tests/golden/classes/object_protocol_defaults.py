# Defaults inherited from object: __eq__ identity, __ne__ from __eq__, __init_subclass__, __reduce_ex__, __format__.
class P: pass
p, q = P(), P()
print(p == p, p == q, p != q, p.__eq__(q), p.__ne__(p), p.__lt__(q))
try:
    p < q
except TypeError as e:
    print(e)
class E:
    def __eq__(self, o): return True
print(E() != E(), E().__ne__(E()))
print(format(p, "") == str(p), P.__init_subclass__() is None, P.__subclasshook__(P))
try:
    format(p, "s")
except TypeError as e:
    print(e)
print(sorted(set(dir(object)) - {"__getstate__"})[:8])
print(object.__doc__)
