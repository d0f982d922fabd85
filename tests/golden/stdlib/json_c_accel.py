# json.loads/json.dumps through _json.make_scanner / make_encoder: errors, options, subclasses.
import json
for s in ['{', '{"a" 1}', '{"a": }', '[1,]', '{"a":1,}', '[1 2]', '{"a":1 "b"}', '[', '"abc', '{1:2}', '-', '-x', '1e', '1.', 'nul', '[1,', '  ', '{"a":1', '01', '1e5x']:
    try:
        print(repr(json.loads(s)))
    except json.JSONDecodeError as e:
        print(s, '->', e)
print(json.loads('[1e5, 1E-2, -0, 0.5, 12345678901234567890123, NaN, -Infinity]'))
print(json.dumps({'a': [1, 2.5, None, True, float('inf')], 2: 'x', 1.5: 'y', None: 0}, sort_keys=False))
print(json.dumps([{}, [], ()], indent=2))
print(json.dumps({'b': 1, 'a': {'c': [1, {'d': 2}]}}, indent='\t', sort_keys=True))
try: json.dumps({(1,2): 3})
except TypeError as e: print(e, getattr(e, '__notes__', None))
try: json.dumps([object()])
except TypeError as e: print(e, getattr(e, '__notes__', None))
a = []; a.append(a)
try: json.dumps(a)
except ValueError as e: print(e, getattr(e, '__notes__', None))
try: json.dumps(float('nan'), allow_nan=False)
except ValueError as e: print(e)
print(json.dumps({'x': 1, 'y': 2}, skipkeys=True), json.dumps({(1,): 1, 'k': 2}, skipkeys=True))
import decimal
print(json.dumps([decimal.Decimal('1.5')], default=str))
print(json.loads('{"a": 1, "a": 2}', object_pairs_hook=list), json.loads('{"x": 1.5}', parse_float=str, parse_int=str))
print(json.loads('[1, 2]', parse_int=float), json.loads('{"q": {}}', object_hook=lambda d: len(d)))
class E(int): pass
import enum
class C(enum.IntEnum):
    A = 1
print(json.dumps([E(5), C.A, True]), json.dumps("caf\u00e9\U0001f600\x01"), json.dumps("caf\u00e9\U0001f600", ensure_ascii=False))
