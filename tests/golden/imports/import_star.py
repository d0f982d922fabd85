# from module import *: respects __all__, otherwise skips underscore names.
from pkgs.star.with_all import *
print(public, _listed_private)
try:
    not_listed
except NameError as e:
    print(e)
from pkgs.star.without_all import *
print(visible, func())
try:
    _hidden
except NameError as e:
    print(e)
print("_os" in dir(), "os" in dir())
try:
    exec("def f():\n    from os import *\n")
except SyntaxError as e:
    print(e.msg)
