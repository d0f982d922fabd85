# PEP 649/749 deferred annotations in 3.14: evaluated lazily, annotationlib formats.
import annotationlib
def f(x: Undefined1, y: int = 3) -> "str":
    pass
try:
    f.__annotations__
except NameError as e:
    print("NameError:", e)
fw = annotationlib.get_annotations(f, format=annotationlib.Format.FORWARDREF)
print(type(fw["x"]).__name__, fw["x"].__forward_arg__, fw["y"], fw["return"])
print(annotationlib.get_annotations(f, format=annotationlib.Format.STRING))
Undefined1 = float
print(f.__annotations__)
class C:
    a: int
    b: "list[C]"
    c: NotYet = 5
print(annotationlib.get_annotations(C, format=annotationlib.Format.STRING))
NotYet = bytes
print(C.__annotations__)
print(C.c)
count = 0
def side():
    global count
    count += 1
    return int
def g(a: side()): pass
print("count before", count)
g.__annotations__
g.__annotations__
print("count after", count)
x: side() = 1
print("module annotations evaluated", count)
