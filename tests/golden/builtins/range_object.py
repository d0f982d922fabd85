# range: construction, indexing, slicing, membership, len, equality, reversed, errors.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[2:4], r[::-1], 8 in r, 9 in r, r.index(11), r.count(5))
print(range(5) == range(0, 5, 1), range(0) == range(5, 2), range(0, 3, 2) == range(0, 4, 2), list(range(10, 0, -3)))
print(len(range(-5)), list(range(0, -5, -2)), range(10 ** 20)[-1], range(0, 10 ** 20, 7)[-1])
print(r.start, r.stop, r.step, range(4).__reversed__().__next__(), bool(range(0)), bool(range(1)))
for call in [lambda: range(0, 1, 0), lambda: range(1.5), lambda: r[100], lambda: r.index(3), lambda: range(), lambda: r["a"]]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(3.0 in range(5), "3" in range(5), hash(range(3)) == hash(range(0, 3)))
print(repr(range(1, 2)), repr(range(1, 5, 2)), str(range(3)))
print(sum(range(10 ** 6)), max(range(7)), sorted(range(3), reverse=True))
print(len(range(2 ** 62)) if False else "skip", range(2 ** 64).__len__() if False else "skip2")
try:
    len(range(2 ** 64))
except OverflowError as e:
    print(e)
