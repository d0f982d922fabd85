# itertools: argument errors, reprs, length hints and the types' names (CPython 3.14).
import itertools as I


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))


t("count + 1", lambda: I.count() + 1)
t("count('a')", lambda: I.count('a'))
t("count(1, 'a')", lambda: I.count(1, 'a'))
t("count 3 args", lambda: I.count(1, 2, 3))
t("count kw", lambda: I.count(x=1))
for args in [(), (3,), (1.5, 2), (3, 1.0), (2**70, 2), (5, -1), (1 + 2j,), (1, 1), (1.0, 1)]:
    print(I.count(*args))
print(I.count(start=2, step=3))
c = I.count(2**62 - 2)
print([next(c) for _ in range(4)], c)
t("repeat()", lambda: I.repeat())
t("repeat(1, 'a')", lambda: I.repeat(1, 'a'))
print(I.repeat(1, -3), I.repeat('a', 3), I.repeat('a'), I.repeat('a', times=2))
t("hint inf", lambda: I.repeat('a').__length_hint__())
print(I.repeat('a', 5).__length_hint__(), list(I.repeat('b', 2)))
t("len repeat", lambda: len(I.repeat('a', 5)))
t("cycle()", lambda: I.cycle())
t("cycle(1)", lambda: I.cycle(1))
t("cycle kw", lambda: I.cycle([1], x=1))
t("next chain(1)", lambda: next(I.chain(1)))
t("chain kw", lambda: I.chain(x=1))
t("from_iterable()", lambda: I.chain.from_iterable())
t("islice()", lambda: I.islice())
t("islice 'a'", lambda: I.islice([], 'a'))
t("islice -1", lambda: I.islice([], -1))
t("islice step 0", lambda: I.islice([], 1, 2, 0))
t("islice 5 args", lambda: I.islice([], 1, 2, 3, 4))
t("islice float", lambda: I.islice([], 1.0))
t("islice -start", lambda: I.islice([], -1, 2))
t("islice big", lambda: I.islice([], 2**70))
t("starmap(1)", lambda: I.starmap(1))
t("compress", lambda: I.compress([1]))
t("dropwhile", lambda: I.dropwhile(1))
t("takewhile", lambda: I.takewhile(1))
t("filterfalse", lambda: I.filterfalse(1))
t("pairwise()", lambda: I.pairwise())
t("batched 0", lambda: I.batched([1], 0))
t("batched()", lambda: I.batched([1]))
t("batched str", lambda: I.batched([1], 'a'))
t("batched strict", lambda: list(I.batched([1, 2, 3], 2, strict=True)))
t("accumulate()", lambda: I.accumulate())
t("zip_longest(1)", lambda: I.zip_longest(1))
t("zip_longest kw", lambda: I.zip_longest([], x=1))
t("product(1)", lambda: I.product(1))
t("product repeat<0", lambda: I.product([1], repeat=-1))
t("permutations r<0", lambda: I.permutations([1], -1))
t("permutations str", lambda: I.permutations([1], 'a'))
t("combinations()", lambda: I.combinations([1]))
t("combinations r<0", lambda: I.combinations([1], -1))
t("cwr r<0", lambda: I.combinations_with_replacement([1], -1))
t("tee -1", lambda: I.tee([], -1))
t("groupby()", lambda: I.groupby())
t("setattr", lambda: setattr(I.count, 'x', 1))
t("reduce", lambda: I.count().__reduce__())
t("setstate", lambda: I.count().__setstate__)
for name in ['count', 'cycle', 'repeat', 'accumulate', 'batched', 'chain', 'compress',
             'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise', 'starmap',
             'takewhile', 'zip_longest', 'product', 'permutations', 'combinations',
             'combinations_with_replacement']:
    ty = getattr(I, name)
    print(name, ty.__module__, ty.__name__, ty.__qualname__, ty)
print(type(I.tee([])[0]), I.chain[int], type(next(I.groupby('a'))[1]))
print([x for x in dir(I.repeat) if x not in dir(object)])
print([x for x in dir(I.tee([])[0]) if x not in dir(object)])
print([x for x in dir(I.chain) if x not in dir(object)])

class C(I.count):
    pass

print(C(5), next(C(5)))
