# operator: function forms, itemgetter/attrgetter/methodcaller, in-place forms, index, length_hint.
import operator as op
print(op.add(1, 2), op.mul("a", 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 5), op.neg(3), op.not_(0))
print(op.lt(1, 2), op.eq([1], [1]), op.is_(None, None), op.contains("abc", "b"), op.countOf([1, 1, 2], 1), op.indexOf("abc", "c"))
print(op.itemgetter(1)("abc"), op.itemgetter(0, 2)("abc"), op.itemgetter("k")({"k": "v"}))
class P:
    def __init__(self): self.name, self.child = "p", type("C", (), {"x": 5})()
    def greet(self, who, punct="!"): return f"hi {who}{punct}"
print(op.attrgetter("name")(P()), op.attrgetter("child.x", "name")(P()), op.methodcaller("greet", "bob", punct="?")(P()))
l = [1]
print(op.iadd(l, [2]), l, op.iconcat([0], [1]), op.index(5), op.length_hint(iter([1, 2, 3])), op.length_hint(5, 7))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=op.itemgetter(1, 0)))
print(op.call(len, "abcd"), op.truth([]), op.concat("a", "b"), op.getitem([5, 6], -1))
d = {"a": 1}
op.setitem(d, "b", 2); op.delitem(d, "a")
print(d, op.is_none(None), op.is_not_none(0))
