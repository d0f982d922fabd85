# Recursive inner functions referring to themselves through the enclosing scope.
def outer(n):
    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)
print(outer(10))
def make_walker():
    seen = []
    def walk(node):
        seen.append(node[0])
        for child in node[1:]:
            walk(child)
        return seen
    return walk
print(make_walker()(("a", ("b", ("c",)), ("d",))))
def even_odd():
    def is_even(n):
        return n == 0 or is_odd(n - 1)
    def is_odd(n):
        return n != 0 and is_even(n - 1)
    return is_even, is_odd
e, o = even_odd()
print(e(10), o(7), e(3))
def rebind():
    def f():
        return "first"
    g = f
    def f():
        return "second"
    return g(), f()
print(rebind())
