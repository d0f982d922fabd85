# Default arguments evaluated at definition time in the enclosing scope, mutable default pitfalls.
def outer():
    value = "first"
    def inner(v=value):
        return v
    value = "second"
    def inner2():
        return value
    return inner(), inner2()
print(outer())
def append_to(x, target=[]):
    target.append(x)
    return target
print(append_to(1), append_to(2))
def append_safe(x, target=None):
    if target is None:
        target = []
    target.append(x)
    return target
print(append_safe(1), append_safe(2))
import itertools
counter = itertools.count()
def stamped(stamp=next(counter)):
    return stamp
print(stamped(), stamped(), next(counter))
