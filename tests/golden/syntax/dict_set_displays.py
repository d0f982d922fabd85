# Dict and set displays: duplicate keys, evaluation order, equal keys of different types.
def k(x):
    print("key", x)
    return x
def v(x):
    print("val", x)
    return x
d = {k(1): v("a"), k(2): v("b"), k(1): v("c")}
print(d)
print({1: "int", 1.0: "float", True: "bool"})
print({0: "z", False: "f"})
print({1, 1.0, True}, {0, False, 0.0})
print(len({"a": 1, **{"a": 2}}), {**{"x": 1}, **{"y": 2}})
print({(1, 2): "tuple key"}[(1, 2)])
try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    {{1}}
except TypeError as e:
    print(e)
print(type({}).__name__, type({1}).__name__, set(), frozenset())
