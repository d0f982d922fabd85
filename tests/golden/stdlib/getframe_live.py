# sys._getframe() frame objects follow their running frame: f_lineno/f_lasti move on.
import sys
f = sys._getframe()
a = f.f_lineno
b = f.f_lineno
print(a, b, b - a)
def g():
    fr = sys._getframe()
    first = fr.f_lineno
    x = 1
    return fr, first, fr.f_lineno, sys._getframe(1).f_lineno
fr, first, later, caller = g()
print(first, later, caller, fr.f_code.co_name)
print(len.__doc__.splitlines()[0], abs.__text_signature__)
