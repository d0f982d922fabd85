# collections.Counter: counting, most_common ordering, arithmetic, missing keys, total.
from collections import Counter
c = Counter("abracadabra")
print(c, c["a"], c["z"], c.most_common(2), c.total())
c.update("aaz")
c.subtract({"b": 5})
print(c)
print(+c, -c)
d = Counter(a=3, b=1) + Counter(a=1, c=2)
print(d, Counter(a=3) - Counter(a=5), Counter(a=3, b=1) & Counter(a=1, b=2), Counter(a=1) | Counter(a=2, b=1))
print(sorted(c.elements())[:6], list(Counter(x=2, y=1).elements()))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2), dict(Counter("aab")))
words = "the cat and the hat and the bat".split()
print(Counter(words).most_common())
