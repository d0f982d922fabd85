# itertools: count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile, filterfalse, islice, starmap.
import itertools as it, operator
print(list(it.islice(it.count(5, 2), 4)), list(it.islice(it.cycle("ab"), 5)), list(it.repeat("x", 3)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3, 4], operator.mul)), list(it.accumulate([1, 2], initial=100)))
print(list(it.chain("ab", [1, 2])), list(it.chain.from_iterable(["xy", "z"])))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.dropwhile(lambda x: x < 3, [1, 4, 1, 5])))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.filterfalse(lambda x: x % 2, range(6))))
print(list(it.islice("abcdefg", 2, None, 2)), list(it.starmap(pow, [(2, 3), (3, 2)])))
print(list(it.zip_longest("abc", [1], fillvalue="-")), list(it.pairwise("abcd")), list(it.batched("abcdefg", 3)))
try:
    list(it.batched("abc", 2, strict=True))
except ValueError as e:
    print(e)
a, b = it.tee([1, 2, 3])
print(list(a), list(b))
print([(k, list(g)) for k, g in it.groupby("aaabccaa")], [(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4], key=lambda x: x % 2)])
