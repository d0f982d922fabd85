# KeyError: str() is repr of the key, except for zero or multiple args.
d = {}
for k in ["name", 1, 1.5, None, (1, "a"), "", "with 'quote'", frozenset(), b"b"]:
    try:
        d[k]
    except KeyError as e:
        print(str(e), "|", repr(e), "|", e.args)
for args in [(), ("a", "b"), ("only",)]:
    e = KeyError(*args)
    print(repr(str(e)), repr(e))
try:
    {}.pop("missing")
except KeyError as e:
    print(e)
try:
    set().remove(3)
except KeyError as e:
    print(e)
from collections import OrderedDict, Counter, ChainMap
try:
    OrderedDict().popitem()
except KeyError as e:
    print(e)
try:
    ChainMap({}).pop("x")
except KeyError as e:
    print(e)
import os
try:
    os.environ["LADON_DEFINITELY_UNSET_VAR"]
except KeyError as e:
    print(e)
print(issubclass(KeyError, LookupError), isinstance(KeyError(), LookupError))
