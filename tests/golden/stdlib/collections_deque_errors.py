# deque: argument errors, indexing, maxlen, rotate, repeat, comparisons, iterators.
from collections import deque
import copy
import pickle


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))


t("maxlen<0", lambda: deque(maxlen=-1))
t("maxlen str", lambda: deque(maxlen='a'))
t("iter int", lambda: deque(1))
t("3 args", lambda: deque([], 2, 3))
t("bad kw", lambda: deque(x=1))
t("empty [0]", lambda: deque()[0])
t("str index", lambda: deque([1])['a'])
t("slice", lambda: deque([1])[1:2])
t("+ int", lambda: deque([1]) + 1)
t("int +", lambda: 1 + deque([1]))
t("* str", lambda: deque([1]) * 'a')
t("- deque", lambda: deque([1]) - deque())
t("pop empty", lambda: deque().pop())
t("popleft empty", lambda: deque().popleft())
t("remove missing", lambda: deque().remove(1))
t("index missing", lambda: deque().index(1))
t("insert full", lambda: deque([1], 1).insert(0, 2))
t("rotate str", lambda: deque().rotate('a'))
t("append()", lambda: deque().append())
t("append(1, 2)", lambda: deque().append(1, 2))
t("rotate(1, 2)", lambda: deque().rotate(1, 2))
t("pop(1)", lambda: deque().pop(1))
t("hash", lambda: hash(deque()))
t("< list", lambda: deque([1]) < [1])
t("setattr type", lambda: setattr(deque, 'x', 1))
t("[-6]", lambda: deque(range(5))[-6])
t("big maxlen", lambda: deque([1], maxlen=2**70))

d = deque(range(10), maxlen=5)
print(d, d.maxlen, len(d))
d.append(10)
d.appendleft(-1)
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.extend('ab')
d.extendleft('xy')
print(d)
print(d.index('x'), d.count('a'), 'b' in d, 'z' in d)
d[0] = 'first'
del d[1]
print(d, d[-1], d[0])
d.insert(1, 'ins')
print(d)
d.reverse()
print(d)
d.remove('ins')
print(d, d.pop(), d.popleft(), d)

e = deque([1, 2], 3)
print(e * 3, 3 * e, e + deque([7]), deque([1, 2]) * 0, deque([1, 2]) * 2)
e *= 2
print(e)
e += [5, 6]
print(e)
print(deque([1, 2, 3]) == deque([1, 2, 3]), deque([1, 2]) < deque([1, 3]),
      deque([1, 2]) >= deque([1]), deque([1]) != deque([1]))
print(deque([1, 2, 3]).index(3, -100, 100), deque('abcab').index('b', 2))

r = deque()
r.append(r)
print(r)
print(repr(deque('abc')), str(deque()), repr(deque([], 0)))

class D(deque):
    pass

x = D([1, 2], 4)
x.a = 1
print(x, x.copy(), copy.copy(x), type(x.copy()).__name__)
print(x.__reduce__()[:3])
print(pickle.loads(pickle.dumps(deque([1, 2], 4))))
print(deque[int], deque.__module__, deque.maxlen.__class__.__name__)

d = deque([1, 2, 3])
it = iter(d)
print(next(it), it.__length_hint__())
d.append(4)
t("mutated", lambda: next(it))
it = iter(deque())
dd = deque()
it = iter(dd)
dd.append(1)
t("mutated empty", lambda: next(it))
print(list(reversed(deque('abc'))), type(iter(deque())).__name__, type(reversed(deque())).__name__)
print(list(type(iter(deque()))(deque([1, 2, 3]), 1)))
z = deque(range(3))
print(z.__reduce__()[0], list(z.__reduce__()[3]))
print(iter(deque([1, 2, 3])).__reduce__()[1][1])
m = deque([1, 2, 3, 2])

class Eq:
    def __eq__(self, other):
        m.append(0)
        return False

t("count mutates", lambda: m.count(Eq()))
t("remove mutates", lambda: m.remove(Eq()))
t("in mutates", lambda: Eq() in m)
