# pprint, pickle, deepcopy and reprlib of deque, defaultdict and namedtuple (pprint
# dispatches on the types' __repr__ slot wrappers).
import pprint
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple
d = deque(range(30), maxlen=40)
pprint.pprint(d, width=30)
dd = defaultdict(list, {i: [i] * 3 for i in range(6)})
pprint.pprint(dd, width=30)
P = namedtuple('P', 'x y')
pprint.pprint([P(1, 2)] * 3, width=20)
import copy, pickle
print(pickle.loads(pickle.dumps(P(1, 2))), copy.deepcopy(deque([[1], [2]])))
import reprlib
print(reprlib.repr(deque(range(100))))
