# with statements: enter/exit order, exception suppression, multiple managers, parentheses.
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
with CM("a") as x, CM("b") as y:
    print("body", x, y)
with (
    CM("p") as p,
    CM("q"),
):
    print("paren body", p)
with CM("s", suppress=True):
    raise KeyError("boom")
print("after suppressed")
try:
    with CM("n"):
        raise ValueError("inner")
except ValueError as e:
    print("caught", e)
def f():
    with CM("r"):
        return "returned"
print(f())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
try:
    with 5:
        pass
except TypeError as e:
    print(e)
from contextlib import contextmanager
@contextmanager
def gen_cm():
    print("setup")
    try:
        yield 42
    finally:
        print("teardown")
with gen_cm() as v:
    print("value", v)
