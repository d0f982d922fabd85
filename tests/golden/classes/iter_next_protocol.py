# Custom iterators: __iter__/__next__, iterables returning fresh iterators, exhaustion.
class Countdown:
    def __init__(self, start): self.start = start
    def __iter__(self):
        return CountdownIter(self.start)
class CountdownIter:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
c = Countdown(3)
print(list(c), list(c), sum(c), max(c), sorted(c), 2 in c, 9 in c)
it = iter(c)
print(next(it), list(it), list(it))
a, b, d = Countdown(3)
print(a, b, d)
print([x * y for x in Countdown(2) for y in Countdown(2)])
class GenIter:
    def __init__(self, data): self.data = data
    def __iter__(self):
        for x in self.data:
            yield x * 10
print(list(GenIter([1, 2])), dict(zip(GenIter("ab"), Countdown(2))) if False else list(zip(GenIter([1, 2]), Countdown(2))))
class NextReturnsBadly:
    def __iter__(self): return self
    def __next__(self): raise ValueError("broken iterator")
try:
    for _ in NextReturnsBadly():
        pass
except ValueError as e:
    print(e)
class OnlyNext:
    def __next__(self): return 1
try:
    for _ in OnlyNext():
        pass
except TypeError as e:
    print(e)
