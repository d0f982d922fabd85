# Generator expression evaluation: outermost iterable bound at creation, others lazily; closures.
x = [1, 2, 3]
g = (i * 10 for i in x)
x = [7, 8]
print(list(g))
y = [1, 2]
h = (a + b for a in [0, 100] for b in y)
y = [5]
print(list(h))
funcs = list(lambda: i for i in range(3))
print([f() for f in funcs])
def make():
    n = 2
    return (n * k for k in range(3))
print(list(make()))
class C:
    data = [1, 2]
    gen = list(d for d in data)
print(C.gen)
print(sum(i for i in range(5) if i % 2), "".join(c for c in "a-b-c" if c != "-"))
