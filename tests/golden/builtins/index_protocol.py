# __index__: used by indexing, slicing, bin(), range(), operator.index, repetition.
import operator
class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
lst = list(range(10))
print(lst[I(3)], lst[I(1):I(4)], "abc" * I(2), range(I(4)), bin(I(5)), operator.index(I(7)))
print([0] * I(3), bytes(I(2)), hex(I(255)), lst[I(-1)], (1, 2, 3)[I(0)], round(5, I(1)) if False else "skip")
for bad in [1.5, "3", None]:
    try:
        lst[bad]
    except TypeError as e:
        print(e)
try:
    operator.index(2.0)
except TypeError as e:
    print(e)
class BadIndex:
    def __index__(self): return "no"
try:
    lst[BadIndex()]
except TypeError as e:
    print(e)
print(operator.index(True), lst[True], "xyz"[False])
