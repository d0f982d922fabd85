# json: dumps options, loads types, round trips, errors with positions, custom encoders/hooks.
import json
data = {"name": "Ann", "age": 30, "tags": ["a", "b"], "nested": {"ok": True, "none": None}, "pi": 3.14, "uni": "é😀"}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps("\u2028\n\t\""), json.dumps(1e100), json.dumps(10 ** 30))
print(json.loads('{"a": [1, 2.5, "x", null, true, false], "b": {}}'), json.loads("1e3"), json.loads('"\\u00e9"'))
print(json.dumps({1: "int key", True: "bool key", None: "none key", 2.5: "float"}))
for bad in ['{"a": 1,}', "[1, 2", "nul", '{"a" 1}', "", '"unterminated']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e.msg, e.pos, e.lineno, e.colno)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print(e)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({"s": {3, 1}}, cls=Enc), json.dumps({"c": 1j}, default=str))
print(json.loads('{"x": 1, "y": 2}', object_hook=lambda d: sorted(d.items())), json.loads("[1.5]", parse_float=lambda s: f"float:{s}"))
print(json.loads('{"a": 1, "a": 2}'), json.dumps(float("nan")), json.dumps(float("inf")))
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print(e)
print(json.dumps((1, 2)), json.loads(json.dumps(data)) == data, json.dumps("ascii ☃"), json.dumps({}, indent=4), json.dumps([[]], indent=1))
