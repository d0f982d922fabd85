# Starred expressions in return, yield, subscripts, for targets and index tuples.
def f():
    return 1, *[2, 3]
print(f())
def g():
    yield *"ab", 1
print(list(g()))
class S:
    def __getitem__(self, k):
        return k
s = S()
print(s[1, 2], s[*[1, 2]], s[1:2], s[1:2, ::3], s[...], s[()])
for first, *others in [(1, 2, 3), (4,)]:
    print(first, others)
print(*(), sep=",")
x = [*"abc"]
print(x)
