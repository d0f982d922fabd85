# Generator expressions: lazy evaluation, first iterable evaluated eagerly, scoping.
def src(n):
    print("src created")
    for i in range(n):
        print("producing", i)
        yield i
g = (x * 2 for x in src(3))
print("genexp created")
print(next(g))
print(list(g))
try:
    (x for x in 5)
except TypeError as e:
    print("eager:", e)
lazy = (x for x in [1] for y in 5)
try:
    next(lazy)
except TypeError as e:
    print("lazy:", e)
print(sum(i * i for i in range(10)), max((len(w), w) for w in ["aa", "b", "ccc"]))
print(list(zip((i for i in "ab"), (j for j in range(5)))))
gen = (i for i in range(3))
print(gen.__name__, gen.__qualname__ if False else "", list(gen), list(gen))
