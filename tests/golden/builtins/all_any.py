# all() and any(): short circuit, empty iterables, generators.
print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, "", None]), any([0, "x"]))
def noisy(vals):
    for v in vals:
        print("yield", v)
        yield v
print(all(noisy([1, 0, 1])))
print(any(noisy([0, 5, 0])))
print(all(x > 0 for x in range(1, 5)), any(x > 3 for x in range(3)))
print(all("abc"), any({}))
try:
    all(5)
except TypeError as e:
    print(e)
