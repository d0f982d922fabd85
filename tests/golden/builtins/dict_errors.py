# dict errors: KeyError repr of keys, unhashable keys, popitem on empty, bad constructor args.
d = {"a": 1}
for key in ["missing", 42, (1, 2), None, "", "quote'"]:
    try:
        d[key]
    except KeyError as e:
        print("KeyError", e, repr(e), e.args)
for call in [lambda: d[[1]], lambda: {}.popitem(), lambda: dict([1, 2]), lambda: dict([("a", 1, 2)]),
             lambda: d.pop("x"), lambda: dict(1), lambda: {}.fromkeys(5), lambda: d.update(5)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
class Missing(dict):
    def __missing__(self, key):
        return f"made {key}"
m = Missing()
print(m["x"], m.get("x"), "x" in m)
try:
    raise KeyError()
except KeyError as e:
    print(repr(str(e)))
try:
    raise KeyError("a", "b")
except KeyError as e:
    print(str(e))
