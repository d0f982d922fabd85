# sys.tracebacklimit limits how many frames are printed for an uncaught exception.
import sys
sys.tracebacklimit = 2
def a(n):
    if n == 0:
        raise RuntimeError("bottom reached")
    a(n - 1)
a(5)
