# __del__ runs when the last reference goes away (refcounting), in a predictable order.
class R:
    def __init__(self, name): self.name = name
    def __del__(self): print("del", self.name)
a = R("a")
print("created a")
del a
print("after del a")
b = R("b")
b = R("b2")
print("rebound b")
def scope():
    local = R("local")
    print("in scope")
scope()
print("after scope")
lst = [R("l1"), R("l2")]
lst.pop()
print("popped")
lst.clear()
print("cleared")
c = R("c")
d = c
del c
print("still referenced")
del d
print("done refs")
x = R("x")
x = None
print("x set to None")
class Resurrect:
    saved = []
    def __del__(self):
        print("resurrecting")
        Resurrect.saved.append(self)
r = Resurrect()
del r
print(len(Resurrect.saved))
import sys
def hook(u):
    print("unraisable:", type(u.exc_value).__name__, u.exc_value)
sys.unraisablehook = hook
def raises_in_del():
    class Bad:
        def __del__(self):
            raise ValueError("in __del__")
    Bad()
    print("after Bad")
raises_in_del()
print("end of module")
