# Private name mangling: __x in class bodies becomes _Class__x, not for dunders or outside classes.
class A:
    __secret = "A secret"
    def __init__(self):
        self.__value = 1
    def get(self):
        return self.__secret, self.__value
    def __dunder__(self):
        return "not mangled"
class B(A):
    __secret = "B secret"
    def get_b(self):
        return self.__secret
b = B()
print(b.get(), b.get_b(), b._A__secret, b._B__secret, b._A__value)
print(sorted(k for k in vars(b)), b.__dunder__())
try:
    b.__secret
except AttributeError as e:
    print(e)
class _Under:
    __x = 1
print([k for k in vars(_Under) if "x" in k])
class C:
    def f(self):
        return getattr(self, "__hidden", "getattr is not mangled")
    def g(self):
        __local = 5
        return __local
print(C().f(), C().g(), C.g.__code__.co_varnames)
class D:
    import os as __os
    def h(self):
        return self.__os.sep
print(D().h())
