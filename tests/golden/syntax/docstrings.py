# Docstrings on modules, functions, classes, methods; only the first string literal counts.
"""Module docstring."""
def f():
    """Function doc."""
def g():
    x = 1
    "not a doc"
def h():
    f"not a doc {1}"
class C:
    """Class doc.

    More lines.
    """
    def m(self):
        'method doc'
print(__doc__)
print(f.__doc__, g.__doc__, h.__doc__)
print(C.__doc__)
print(C.m.__doc__, C().m.__doc__)
print(len.__doc__.splitlines()[0])
import inspect
print(inspect.getdoc(C))
