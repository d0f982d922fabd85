# In-place operators: __iadd__ etc. with fallback to binary ops and NotImplemented.
class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
    def __isub__(self, o):
        return NotImplemented
    def __sub__(self, o):
        print("fell back to __sub__")
        return Acc(self.v - o)
    def __imul__(self, o):
        self.v *= o
        return "replaced"
    def __repr__(self):
        return f"Acc({self.v})"
a = Acc(1)
orig = a
a += 5
print(a, a is orig)
a -= 2
print(a, a is orig)
a *= 3
print(a)
class NoOps: pass
n = NoOps()
try:
    n += 1
except TypeError as e:
    print(e)
try:
    n **= 2
except TypeError as e:
    print(e)
try:
    n @= 2
except TypeError as e:
    print(e)
lst = [1]
alias = lst
lst += (2, 3)
print(alias)
try:
    lst = lst + (4,)
except TypeError as e:
    print(e)
s = {1}
s |= {2}
s &= {2, 3}
print(s)
d = {"a": 1}
d |= {"b": 2}
print(d)
for op in ["//=", "%=", ">>=", "<<=", "&=", "|=", "^=", "/="]:
    x = 17
    exec(f"x {op} 3")
    print(op, x)
