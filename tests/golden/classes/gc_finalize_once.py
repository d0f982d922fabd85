# PEP 442: a finalizer runs once, even when the object resurrects; gc.callbacks see each phase.
import gc
class R:
    saved = None
    def __del__(self):
        print("R.__del__")
        R.saved = self
x = R()
x = None
print("resurrected:", R.saved is not None)
R.saved = None
print("second death: no __del__")
phases = []
gc.callbacks.append(lambda phase, info: phases.append((phase, sorted(info))))
class C:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("C.__del__", self.n)
        if self.n == 1:
            C.keep = self
a, b = C(1), C(2)
a.other, b.other = b, a
del a, b
gc.collect()
print(phases[0][0], phases[-1][0], phases[-1][1])
gc.callbacks.clear()
print(C.keep.n, C.keep.other.n, gc.is_finalized(C.keep))
del C.keep
gc.collect()
print("no second __del__ for the cycle")
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
