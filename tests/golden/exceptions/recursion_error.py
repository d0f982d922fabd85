# RecursionError: message, recovery after catching, recursion in __repr__, sys.getrecursionlimit.
import sys
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e, isinstance(e, RuntimeError))
print("recovered", sum(range(10)))
class Loop:
    def __repr__(self):
        return repr(self)
try:
    repr(Loop())
except RecursionError as e:
    print("repr:", e)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(500))
sys.setrecursionlimit(200)
try:
    deep(500)
except RecursionError as e:
    print("limit 200:", e)
sys.setrecursionlimit(1000)
print(deep(500))
