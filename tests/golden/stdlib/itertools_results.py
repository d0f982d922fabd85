# itertools: results of every iterator, including edge cases (empty input, r > n, strict).
import itertools as I
import operator

print(list(I.islice(I.count(), 5)), list(I.islice(I.count(1.5, 0.5), 3)))
print(list(I.islice(I.cycle('abc'), 7)), list(I.cycle([])))
print(list(I.repeat(7, 3)), list(I.repeat(7, 0)))
print(list(I.accumulate([1, 2, 3, 4])), list(I.accumulate([1, 2, 3], operator.mul)))
print(list(I.accumulate([1, 2], initial=100)), list(I.accumulate([], initial=5)))
print(list(I.batched('abcdefg', 3)), list(I.batched('abcdef', 3, strict=True)))
print(list(I.chain('ab', [1, 2], ())), list(I.chain.from_iterable(['ab', 'cd'])))
print(list(I.compress('abcdef', [1, 0, 1, 0, 1, 1])), list(I.compress('ab', [1])))
print(list(I.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
print(list(I.takewhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
print(list(I.filterfalse(None, [0, 1, 0, 2])), list(I.filterfalse(lambda x: x % 2, range(6))))
print([(k, list(g)) for k, g in I.groupby('aaabbcaa')])
print([(k, list(g)) for k, g in I.groupby([1, 2, 3, 4, 5], key=lambda x: x // 2)])
gs = list(I.groupby('aabb'))
print([(k, list(g)) for k, g in gs])
it = I.groupby('aaab')
k, g = next(it)
print(k, next(g), next(it)[0], list(g))
print(list(I.islice('abcdefg', 2)), list(I.islice('abcdefg', 2, 4)), list(I.islice('abcdefg', 2, None)))
print(list(I.islice('abcdefg', 0, None, 2)), list(I.islice(range(10), 1, 9, 3)), list(I.islice('ab', 5, 9)))
src = iter(range(10))
print(list(I.islice(src, 3)), next(src))
print(list(I.pairwise('abcd')), list(I.pairwise('a')), list(I.pairwise('')))
print(list(I.starmap(pow, [(2, 5), (3, 2)])), list(I.starmap(lambda *a: a, ['ab', [1]])))
print(list(I.zip_longest('abc', 'x', fillvalue='-')), list(I.zip_longest()), list(I.zip_longest('ab')))
print(list(I.product('ab', range(2))), list(I.product([0, 1], repeat=2)), list(I.product()))
print(list(I.product('ab', [])), list(I.product(repeat=0)))
print(list(I.permutations('abc', 2)), list(I.permutations(range(3))), list(I.permutations('ab', 3)))
print(list(I.permutations([], 0)), len(list(I.permutations(range(5)))))
print(list(I.combinations('abcd', 2)), list(I.combinations('ab', 3)), list(I.combinations('ab', 0)))
print(list(I.combinations_with_replacement('abc', 2)), list(I.combinations_with_replacement('', 2)))
print(list(I.combinations_with_replacement('', 0)))
a, b, c = I.tee(iter(range(100)), 3)
print(list(I.islice(a, 3)), next(b), list(c)[-3:], list(a)[:2], len(list(b)))
t1, t2 = I.tee('xyz')
t3 = t1.__copy__()
print(next(t1), next(t1), list(t2), list(t3), list(t1))
print(I.tee([], 0), type(I.tee(I.tee('ab')[0])[0]).__name__)
x = I.tee(iter([1, 2]))[0]
y = type(x)(x)
print(next(x), list(y))

def gen():
    yield next(r[0])

r = I.tee(gen())
try:
    next(r[0])
except RuntimeError as e:
    print('RuntimeError', e)
