# del on names, attributes, subscripts, slices, and the errors it raises.
a = 1
del a
print("a" in globals())
lst = [1, 2, 3, 4, 5]
del lst[0]
del lst[-1]
print(lst)
del lst[:]
print(lst)
d = {"x": 1}
try:
    del d["y"]
except KeyError as e:
    print("KeyError", e)
class C:
    cls_attr = 1
c = C()
try:
    del c.cls_attr
except AttributeError as e:
    print(e)
del C.cls_attr
print(hasattr(C, "cls_attr"))
try:
    del c.nothing
except AttributeError as e:
    print(e)
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print(e)
try:
    del "abc"[0]
except TypeError as e:
    print(e)
x, y = 1, 2
del x, y
print("x" in dir())
