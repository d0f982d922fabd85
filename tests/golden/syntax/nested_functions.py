# Nested functions, function attributes, default capture vs closure capture, recursion inside.
def outer(n):
    def helper(k):
        return k * n
    def rec(k):
        return 0 if k == 0 else k + rec(k - 1)
    return helper(3), rec(n)
print(outer(4))
def make_counter():
    count = [0]
    def inc():
        count[0] += 1
        return count[0]
    return inc
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c2())
def f(): pass
f.custom = "attribute"
print(f.custom, sorted(k for k in f.__dict__))
print(f.__module__, f.__name__, callable(f), type(f).__name__)
def g(a, b=1):
    return a + b
g.__defaults__ = (100,)
print(g(1))
print(outer.__code__.co_name, outer.__code__.co_argcount)
