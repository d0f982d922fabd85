# contextlib: contextmanager, suppress, redirect_stdout, ExitStack ordering, closing, nullcontext, chdir-free.
import contextlib, io
@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    except KeyError as e:
        print("handled inside cm:", e)
    finally:
        print(f"</{name}>")
with tag("a") as n:
    print("body", n)
with tag("b"):
    raise KeyError("k")
with contextlib.suppress(FileNotFoundError, ZeroDivisionError):
    1 / 0
print("suppressed")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.enter_context(tag(f"s{i}"))
    stack.callback(print, "callback registered last runs first")
    print("inside stack")
class Res:
    def close(self): print("closed resource")
with contextlib.closing(Res()):
    print("using resource")
with contextlib.nullcontext(5) as v:
    print("nullcontext", v)
@tag("decorated")
def f():
    print("in decorated function")
f()
@contextlib.contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print(e)
