from itertools import count  # filter, map, zip, enumerate, range: pickling and keywords
def take(n, it): return [next(it) for _ in range(n)]
isEven = lambda x: x % 2 == 0
print(take(4, filter(isEven, count())))
for args in [(), (lambda x:x,), (lambda x:x, range(6), 7), (isEven, 3)]:
    try: filter(*args)
    except TypeError as e: print(e)
try: next(filter(range(6), range(6)))
except TypeError as e: print(e)
class S(filter): pass
print(list(S(None, [0, 1])))
try: S(None, [0,1], newarg=3)
except TypeError as e: print(e)
class S2(filter):
    def __init__(self, *a, newarg=None): self.newarg = newarg
try: print(list(S2(None, [0,1], newarg=3)))
except TypeError as e: print(e)
class S3(filter):
    def __new__(cls, *a, newarg=None): return super().__new__(cls, *a)
    def __init__(self, *a, newarg=None): self.newarg = newarg
print(list(S3(None, [0,1], newarg=3)))
import pickle, copy
isEven = lambda x: x % 2 == 0
c = filter(None, range(6)); next(c); print(list(pickle.loads(pickle.dumps(c))), list(copy.copy(filter(None,[0,1]))))
m = map(str, [1,2], [3,4], strict=True); print(m.__reduce__()[0], len(m.__reduce__()[1]), m.__reduce__()[2:]); m.__setstate__(False); print(m.__reduce__()[2:])
z = zip([1]); z.__setstate__(1); print(z.__reduce__()[2:], list(pickle.loads(pickle.dumps(zip([1,2],'ab')))))
e = enumerate('abc', 2**70); next(e); print(e.__reduce__()[1][1], list(pickle.loads(pickle.dumps(e))))
try: list(pickle.loads(pickle.dumps(zip([1,2],[1], strict=True))))
except ValueError as ex: print(ex)
it=iter(range(2,20,3)); next(it); print(it.__reduce__()); it.__setstate__(4); print(list(it)); print(iter(range(2**70)).__reduce__()); r=iter(range(5)); r.__setstate__(-3); print(list(r)); r=iter(range(5)); r.__setstate__(30); print(list(r))
r=iter(range(2**70, 2**70+10, 2)); next(r); r.__setstate__(2); print(list(r), r.__reduce__())
import pickle; print(range(3).__reduce__(), pickle.loads(pickle.dumps(range(1,9,2))), pickle.loads(pickle.dumps(range(2**80))))
