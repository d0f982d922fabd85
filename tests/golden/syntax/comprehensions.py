# List, set, dict comprehensions and generator expressions, nesting and scoping.
print([x * x for x in range(6) if x % 2])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(3)] for x in range(3)])
print(sorted({x % 3 for x in range(10)}))
print({k: v for k, v in zip("abc", range(3))})
print({x: x ** 2 for x in range(4) if x})
print(sum(x for x in range(101)))
g = (c.upper() for c in "abc")
print(next(g), list(g))
x = "outer"
print([x for x in "ab"], x)
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        bad = [vals[i] for i in range(2)]
    except NameError as exc:
        err = str(exc)
print(C.doubled, C.err)
print([i for i in range(3) for i in "ab"])
print([j for i in range(3) if i for j in range(i) if j % 2 == 0])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*matrix)])
print([x for x in [3, 1, 2] if x > 1 if x < 3])
