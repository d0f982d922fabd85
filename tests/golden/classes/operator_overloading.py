# Arithmetic operator overloading with reflected ops and NotImplemented fallbacks.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented
    __radd__ = __add__
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y) if isinstance(o, V) else NotImplemented
    def __mul__(self, k):
        return V(self.x * k, self.y * k) if isinstance(k, (int, float)) else NotImplemented
    def __rmul__(self, k):
        print("rmul")
        return self * k
    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __invert__(self):
        return V(self.y, self.x)
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __pow__(self, k):
        return V(self.x ** k, self.y ** k)
    def __lshift__(self, k):
        return V(self.x << k, self.y << k)
    def __and__(self, o):
        return "and"
    def __rand__(self, o):
        return "rand"
    def __or__(self, o):
        return NotImplemented
    def __xor__(self, o):
        return "xor"
a, b = V(1, 2), V(3, 4)
print(a + b, a + 1, 1 + a, a - b, a * 3, 3 * a, a @ b, -a, +a, abs(V(3, 4)), ~a)
print(a / 2, b // 2, b % 2, a ** 2, a << 2, a & 1, 1 & a, a ^ 0)
for expr in ["a - 1", "'s' * a", "a | 1", "1 | a", "a @ 1", "a < b", "divmod(a, 2)"]:
    try:
        print(eval(expr))
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
class Base:
    def __add__(self, o):
        return "Base.__add__"
    def __radd__(self, o):
        return "Base.__radd__"
class Derived(Base):
    def __radd__(self, o):
        return "Derived.__radd__"
print(Base() + Derived(), Derived() + Base())
class Num(int):
    def __radd__(self, o):
        return "Num.__radd__"
print(1 + Num(2), Num(2) + 1)
