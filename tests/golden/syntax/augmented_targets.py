# Augmented assignment targets: the target expression is evaluated once; __iadd__ vs __add__.
class Rec:
    def __init__(self):
        self.d = {"k": 1}
    def __getitem__(self, k):
        print("get", k)
        return self.d[k]
    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v
def key():
    print("key evaluated")
    return "k"
r = Rec()
r[key()] += 10
print(r.d)
class Acc:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print("__add__")
        return Acc(self.v + o)
    def __iadd__(self, o):
        print("__iadd__")
        self.v += o
        return self
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print("OnlyAdd.__add__")
        return OnlyAdd(self.v + o)
a = Acc(1)
b = a
a += 5
print(a is b, a.v)
c = OnlyAdd(1)
d = c
c += 5
print(c is d, c.v, d.v)
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print(e)
print(t)
class Obj:
    x = 1
o = Obj()
o.x += 1
print(o.x, Obj.x)
