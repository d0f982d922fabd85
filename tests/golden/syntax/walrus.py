# Assignment expressions (PEP 572).
data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
vals = iter([3, 2, 1, 0, 9])
while (v := next(vals)) != 0:
    print("v", v)
print((z := 5) + z)
def f():
    [last := x for x in range(4)]
    return last
print(f())
total = 0
print([total := total + x for x in range(5)], total)
print((a := 1, b := 2))
print({(k := i): k * 2 for i in range(2)} if False else "dict-skip")
def g(x):
    return (r := x * x) if x > 2 else -1
print(g(3), g(1))
