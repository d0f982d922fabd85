# doctest runs examples in 'single' mode: expression values go through sys.displayhook,
# which must write to the current sys.stdout (doctest replaces it).
import sys
import doctest


def double(x):
    """
    >>> double(2)
    4
    >>> [double(i) for i in range(3)]
    [0, 2, 4]
    >>> None
    >>> print('printed')
    printed
    >>> double('ab')
    'abab'
    """
    return x * 2


def wrong():
    """
    >>> 1 + 1
    3
    """


print(doctest.testmod(verbose=False))
print(sys.monitoring)
print(sys, sys.modules['builtins'])


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


cap = Capture()
old, sys.stdout = sys.stdout, cap
sys.displayhook(42)
sys.displayhook(None)
sys.stdout = old
print(cap.parts)
sys.stdout = None
try:
    sys.displayhook(1)
except RuntimeError as e:
    sys.stdout = old
    print('RuntimeError:', e)
