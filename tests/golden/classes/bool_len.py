# __bool__ and __len__ in truth testing, including precedence and wrong return types.
class Z:
    def __len__(self): return 0
class NZ:
    def __len__(self): return 3
class B:
    def __init__(self, v): self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
class Both:
    def __bool__(self): return False
    def __len__(self): return 10
print(bool(Z()), bool(NZ()), not Z(), "yes" if NZ() else "no")
print(bool(B(True)), bool(Both()))
if B(False):
    print("never")
else:
    print("else branch")
print(B(True) and "and-result", B(False) or "or-result")
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print(e)
class BadLen:
    def __len__(self): return -1
try:
    bool(BadLen())
except ValueError as e:
    print(e)
class NoneBool:
    __bool__ = None
try:
    bool(NoneBool())
except TypeError as e:
    print(e)
x = [B(False), B(True)]
print([bool(i) for i in x].count(True), any(x))
