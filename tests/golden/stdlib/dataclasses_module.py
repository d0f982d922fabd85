# dataclasses helpers used as a library: fields() details, asdict recursion, replace validation.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, MISSING
@dataclass
class Inner:
    v: int
@dataclass
class Outer:
    name: str
    items: list[Inner] = field(default_factory=list)
    meta: dict = field(default_factory=dict, repr=False)
o = Outer("o", [Inner(1), Inner(2)], {"k": Inner(3)})
print(o)
print(asdict(o))
print(astuple(o))
for f in fields(Outer):
    print(f.name, f.type, f.default is MISSING, f.default_factory is not MISSING, f.repr, f.init)
try:
    replace(o, missing=1)
except TypeError as e:
    print(e)
print(replace(o, name="p").name, o.name)
print(Outer.__init__.__doc__, Outer.__repr__.__qualname__)
