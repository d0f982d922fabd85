# __dict__ of instances: direct manipulation, vars(), replacing __dict__, key order.
class P:
    def __init__(self):
        self.b = 2
        self.a = 1
p = P()
print(p.__dict__, vars(p) is p.__dict__)
p.__dict__["c"] = 3
print(p.c)
p.__dict__ = {"z": 26}
print(p.z, hasattr(p, "a"))
try:
    p.__dict__ = 5
except TypeError as e:
    print(e)
del p.__dict__["z"]
print(vars(p))
q = P()
setattr(q, "with space", 1)
print(getattr(q, "with space"), sorted(q.__dict__))
q.__dict__.update(x=1, y=2)
print(list(q.__dict__))
class Empty: pass
e = Empty()
print(e.__dict__, Empty.__dict__["__module__"], "__dict__" in Empty.__dict__, "__weakref__" in Empty.__dict__)
