# The class body namespace: __module__, __qualname__, __annotations__, __classcell__, local helpers.
class C:
    print(sorted(k for k in locals()))
    a: int = 1
    b: str
    def helper(x):
        return x * 2
    doubled = helper(21)
    del helper
    print(__qualname__, __module__)
print(C.doubled, hasattr(C, "helper"), C.__annotations__)
class UsesClassCell:
    def m(self):
        return __class__
print(UsesClassCell().m() is UsesClassCell)
class Meta(type):
    def __new__(mcs, name, bases, ns):
        print("has __classcell__:", "__classcell__" in ns)
        return super().__new__(mcs, name, bases, ns)
class WithSuper(metaclass=Meta):
    def m(self):
        return super().__init__
class WithoutSuper(metaclass=Meta):
    def m(self):
        return 1
