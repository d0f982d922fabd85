# Mixins with cooperative super() calls across an MRO; method resolution order effects.
class Base:
    def render(self):
        return ["base"]
class Bold(Base):
    def render(self):
        return ["<b>"] + super().render() + ["</b>"]
class Italic(Base):
    def render(self):
        return ["<i>"] + super().render() + ["</i>"]
class BoldItalic(Bold, Italic): pass
class ItalicBold(Italic, Bold): pass
print("".join(BoldItalic().render()), [c.__name__ for c in BoldItalic.__mro__])
print("".join(ItalicBold().render()))
class Loggable:
    def log(self, msg):
        return f"[{type(self).__name__}] {msg}"
class Comparable:
    def __eq__(self, o): return self.key() == o.key()
    def __lt__(self, o): return self.key() < o.key()
    __hash__ = None
class Item(Loggable, Comparable):
    def __init__(self, k): self.k = k
    def key(self): return self.k
print(Item(1).log("hello"), Item(1) == Item(1), Item(1) < Item(2), sorted([Item(3), Item(1)], key=Item.key)[0].k)
class A:
    def hi(self): return "A"
class B(A):
    def hi(self): return "B+" + super().hi()
class C(A):
    def hi(self): return "C+" + super().hi()
class D(B, C):
    def hi(self): return "D+" + super().hi()
print(D().hi(), super(B, D()).hi())
