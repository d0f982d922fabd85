# User sequences: __getitem__ receives raw indices (negatives are not adjusted), __len__ for reversed.
class Seq:
    def __init__(self, *items): self.items = items
    def __len__(self): return len(self.items)
    def __getitem__(self, i):
        print("getitem", i)
        if isinstance(i, slice):
            return Seq(*self.items[i])
        return self.items[i]
    def __repr__(self): return f"Seq{self.items}"
s = Seq("a", "b", "c")
print(s[-1])
print(s[::-1])
print(list(reversed(s)))
print("b" in s)
a, b, c = s
print(a, b, c)
