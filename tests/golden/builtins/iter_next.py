# iter() with and without sentinel, next() with default, iterator protocol errors.
it = iter([1, 2])
print(next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 4)))
import io
f = io.StringIO("a\nb\n\nc\n")
print(list(iter(f.readline, "\n")))
for bad in [5, None]:
    try:
        iter(bad)
    except TypeError as e:
        print(e)
try:
    iter(5, 1)
except TypeError as e:
    print(e)
try:
    next([1])
except TypeError as e:
    print(e)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
print(list(iter(Seq())), list(Seq()))
class NotIter:
    __iter__ = None
try:
    iter(NotIter())
except TypeError as e:
    print(e)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print(e)
print(type(iter("")).__name__, type(iter([])).__name__, type(iter(())).__name__, type(iter({})).__name__, type(iter(range(1))).__name__)
