# sorted() with key and reverse, stability, reversed() on sequences and __reversed__.
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted("hello"), sorted({3: 1, 1: 2}), sorted([]), sorted((3, 1, 2)))
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    sorted([1], lambda x: x)
except TypeError as e:
    print(e)
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(5))), list(reversed((1, 2))))
print(list(reversed({"a": 1, "b": 2})), list(reversed({"a": 1}.items())))
class R:
    def __reversed__(self):
        return iter("custom")
print(list(reversed(R())))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
print(list(reversed(Seq())))
try:
    reversed({1, 2})
except TypeError as e:
    print(e)
print(sorted([3.5, 1, True, 2]))
