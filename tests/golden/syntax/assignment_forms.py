# Augmented assignment, chained assignment, annotated assignment, del.
a = b = c = []
a.append(1)
print(a, b, c, a is b)
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7; x <<= 2; x >>= 1; x |= 8; x &= 12; x ^= 5
print(x)
s = "a"; s += "b"; s *= 3
print(s)
l = [1]; l2 = l; l += [2]
print(l2)
t = (1,); t2 = t; t += (2,)
print(t, t2)
y: int = 5
z: list[int]
print(y, __annotations__ if False else "annot")
try:
    z
except NameError as e:
    print(e)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
lst = list(range(10))
del lst[::2]
print(lst)
del lst[1], lst[0]
print(lst)
v = 1
del v
try:
    v
except NameError as e:
    print(e)
class O: pass
o = O(); o.attr = 3
del o.attr
print(hasattr(o, "attr"))
m = [[0] * 2 for _ in range(2)]
m[1][0] += 7
print(m)
