# defaultdict: factory, __missing__, repr (recursive), copy, |, pickling; _count_elements;
# namedtuple's _tuplegetter.
from collections import defaultdict, namedtuple, Counter
from _collections import _count_elements, _tuplegetter
import copy
import pickle


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))


t("not callable", lambda: defaultdict(1))
t("kwargs", lambda: defaultdict(list, {1: 2}, a=3))
t("kw factory", lambda: defaultdict(default_factory=list))
t("missing()", lambda: defaultdict(list).__missing__())
t("no factory", lambda: defaultdict()[1])
d = defaultdict(list)
d['a'].append(1)
d['b']
print(d, d.default_factory, len(d))
print(d | {'c': 3}, {'c': 3} | d, type(d | {}).__name__)
d |= {'z': 0}
print(d)
d2 = d.copy()
print(d2 == d, d2 is d, type(d2).__name__, copy.copy(d) == d, copy.deepcopy(d) == d)
d.default_factory = None
t("after None", lambda: d['q'])
del d.default_factory
print(d.default_factory)
d[0] = d
print(d)
print(pickle.loads(pickle.dumps(defaultdict(int, a=1))))
r = defaultdict(int).__reduce__()
print(r[0], r[1], r[2], r[3], list(r[4]))

class F:
    def __init__(self):
        self.x = defaultdict(self.f)

    def f(self):
        pass

    def __repr__(self):
        return repr(self.x)

print(F())
n = 0

def factory():
    global n
    n += 1
    if n == 1:
        dd['k']
    return n

dd = defaultdict(factory)
print(dd['k'], dict(dd))

c = {}
_count_elements(c, 'abracadabra')
print(sorted(c.items()))
print(Counter('mississippi').most_common(2))

class M(dict):
    def __setitem__(self, k, v):
        print('set', k, v)
        dict.__setitem__(self, k, v)

_count_elements(M(), 'aa')

P = namedtuple('P', 'x y')
p = P(1, 2)
print(p.x, p.y, P.x, type(P.__dict__['x']).__name__)
t("set field", lambda: setattr(p, 'x', 3))
t("del field", lambda: delattr(p, 'x'))
g = P.__dict__['x']
print(g.__doc__, g.__reduce__())
g.__doc__ = 'changed'
print(g.__doc__, g.__get__(None, P) is g)
t("wrong object", lambda: g.__get__(1, P))
t("short tuple", lambda: _tuplegetter(5, None).__get__((1, 2)))
t("one arg", lambda: _tuplegetter(1))
print(_tuplegetter(1, 'doc').__get__((7, 8)))
