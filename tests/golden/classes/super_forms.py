# super(): zero-arg, explicit two-arg, in classmethods, cooperative multiple inheritance, unbound.
class Base:
    def greet(self):
        return "Base"
    @classmethod
    def make(cls):
        return f"Base.make({cls.__name__})"
class A(Base):
    def greet(self):
        return "A>" + super().greet()
    @classmethod
    def make(cls):
        return "A>" + super().make()
class B(Base):
    def greet(self):
        return "B>" + super().greet()
class C(A, B):
    def greet(self):
        return "C>" + super().greet()
print(C().greet(), C.make())
print(super(A, C()).greet(), super(C, C).make())
class Init:
    def __init__(self, **kw):
        print("Init", sorted(kw))
class Mixin1(Init):
    def __init__(self, m1=None, **kw):
        print("Mixin1", m1)
        super().__init__(**kw)
class Mixin2(Init):
    def __init__(self, m2=None, **kw):
        print("Mixin2", m2)
        super().__init__(**kw)
class Final(Mixin1, Mixin2):
    pass
Final(m1=1, m2=2, extra=3)
sp = super(A, C())
print(type(sp).__name__, sp.__thisclass__.__name__, type(sp.__self__).__name__)
def outside():
    return super().greet()
try:
    outside()
except RuntimeError as e:
    print(e)
class Prop(Base):
    @property
    def p(self):
        return super().greet() + " via property"
print(Prop().p)
try:
    super(int, "str")
except TypeError as e:
    print(e)
class G(Base):
    def gen(self):
        yield super().greet()
    def comp(self):
        return [super().greet() for _ in range(1)]
    def lam(self):
        return (lambda: super(G, self).greet())()
print(list(G().gen()), G().comp(), G().lam())
