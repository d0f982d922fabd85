# Container comparisons use identity before __eq__ (x is y implies equal in list ==, in, count).
class Never:
    def __eq__(self, o):
        print("__eq__ called")
        return False
    __hash__ = object.__hash__
n = Never()
print([n] == [n], n in [n], [n].count(n), [n].index(n), (n,) == (n,), {n: 1}[n], n in {n})
print(n == n)
m = Never()
print([n] == [m])
nan = float("nan")
print([nan] == [nan], nan in [nan], {nan: 1}.get(nan), [float("nan")] == [float("nan")])
