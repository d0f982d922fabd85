# Closures inside methods capture self and __class__; class bodies are not enclosing scopes for methods.
class Widget:
    prefix = "W"
    def __init__(self, name):
        self.name = name
    def make_label(self):
        def label():
            return f"{self.prefix}:{self.name}"
        return label
    def make_super_caller(self):
        return lambda: (__class__.__name__, self.name)
w = Widget("button")
lbl = w.make_label()
w.name = "renamed"
print(lbl(), w.make_super_caller()())
def factory(base):
    class Derived(base):
        def who(self):
            return f"derived from {base.__name__}"
    return Derived
print(factory(int)(5).who(), factory(str)("s").who())
def counter_class():
    count = 0
    class C:
        def __init__(self):
            nonlocal count
            count += 1
        @staticmethod
        def total():
            return count
    return C
C = counter_class()
C(); C(); C()
print(C.total())
