# Template strings (PEP 750) through string.templatelib.
from string.templatelib import Template, Interpolation
name, n = "world", 3
t = t"hello {name}! n={n:>3} {n!r}"
print(type(t).__name__, isinstance(t, Template))
print(t.strings)
print(len(t.interpolations))
for i in t.interpolations:
    print(i.value, i.expression, i.conversion, repr(i.format_spec))
print(t.values)
parts = []
for item in t:
    if isinstance(item, Interpolation):
        parts.append(f"<{item.expression}={item.value}>")
    else:
        parts.append(item)
print("".join(parts))
def render(tpl):
    out = []
    for item in tpl:
        if isinstance(item, str):
            out.append(item)
        else:
            v = item.value
            if item.conversion == "r":
                v = repr(v)
            out.append(format(v, item.format_spec))
    return "".join(out)
print(render(t))
empty = t""
print(empty.strings, empty.interpolations)
t2 = t"{1}{2}"
print(t2.strings)
print((t"a{name}" + t"b{n}").strings)
i = Interpolation(5, "x", None, "")
print(i.value, i.expression, i.conversion, repr(i.format_spec))
