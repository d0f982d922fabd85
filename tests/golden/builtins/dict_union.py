# dict | and |= (PEP 584), and other mappings.
a = {"x": 1, "y": 2}
b = {"y": 3, "z": 4}
print(a | b, b | a, a)
a |= b
print(a)
a |= [("w", 0)]
print(a)
try:
    a | [("q", 1)]
except TypeError as e:
    print(e)
from collections import OrderedDict, defaultdict, ChainMap
print(type(OrderedDict(a=1) | {"b": 2}).__name__, type(defaultdict(int) | {"b": 2}).__name__)
print({"k": 1} | OrderedDict(k=2))
c = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(c["a"], c["b"], dict(c | {"z": 0}) if hasattr(c, "__or__") else "no or")
