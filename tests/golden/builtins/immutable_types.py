# Built-in types and their instances reject new attributes with specific messages.
for obj, name in [(1, "x"), ("s", "x"), ([], "x"), ((), "x"), (None, "x"), (len, "x")]:
    try:
        setattr(obj, name, 1)
    except AttributeError as e:
        print(type(obj).__name__, "|", e)
for cls in [int, str, list, object, type]:
    try:
        cls.new_attr = 1
    except TypeError as e:
        print(e)
try:
    int.__add__ = None
except TypeError as e:
    print(e)
try:
    del str.upper
except TypeError as e:
    print(e)
try:
    (1).real = 2
except AttributeError as e:
    print(e)
def f(): pass
f.anything = 1
print(f.anything)
try:
    f.__name__ = 5
except TypeError as e:
    print(e)
