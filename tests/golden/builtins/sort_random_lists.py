# sorted() on seeded random data of many shapes: ints, floats, tuples, strings; stability checks.
import random
r = random.Random(2024)
for n in [0, 1, 2, 5, 31, 32, 33, 64, 100, 1000]:
    data = [r.randrange(-50, 50) for _ in range(n)]
    s = sorted(data)
    print(n, s[:8], s[-3:], s == sorted(data, reverse=True)[::-1], sum(s))
words = ["".join(r.choice("abcde") for _ in range(r.randrange(1, 5))) for _ in range(40)]
print(sorted(words)[:12])
print(sorted(words, key=len)[:12])
pairs = [(r.randrange(5), i) for i in range(30)]
print(sorted(pairs, key=lambda p: p[0]))
floats = [r.uniform(-1, 1) for _ in range(10)]
print([round(x, 4) for x in sorted(floats)])
runs = list(range(50)) + list(range(25)) + list(range(100, 90, -1))
print(sorted(runs) == sorted(runs, key=lambda x: x), sorted(runs)[-12:])
