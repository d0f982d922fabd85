# __call__: callable instances, class-level lookup only, memoizing callables.
class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, *, scale=1): return (x + self.n) * scale
add5 = Adder(5)
print(add5(1), add5(1, scale=3), callable(add5), list(map(add5, [1, 2])))
a = Adder(1)
a.__call__ = lambda x: "instance attribute ignored"
print(a(1))
class Memo:
    def __init__(self, fn):
        self.fn, self.cache = fn, {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]
@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache))
class NotCallable: pass
try:
    NotCallable()()
except TypeError as e:
    print(e)
try:
    Adder(1)()
except TypeError as e:
    print(e)
class Meta(type):
    def __call__(cls, *a):
        return f"constructed {cls.__name__}{a}"
class Made(metaclass=Meta): pass
print(Made(1, 2))
