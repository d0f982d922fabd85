# gen.send() called from bytecode resumes the generator in the caller's eval loop: values,
# StopIteration with its context, "already executing", just-started checks, tracebacks.
import sys, traceback
def g():
    x = yield 1
    print("got", x)
    try:
        me.send(5)
    except ValueError as e:
        print("inner", e)
    y = yield 2
    return y
me = g()
print(me.send(None))
print(me.send("a"))
try:
    me.send("r")
except StopIteration as e:
    print("stop", e.value, repr(e.__context__))
try:
    raise KeyError(1)
except KeyError:
    me = h = g()
    h.send(None)
    try:
        h.send(1); h.send(None)
    except StopIteration as e:
        print("ctx", repr(e.__context__))
h = g()
try:
    h.send(3)
except TypeError as e:
    print(e)
print(type(h).send(h, None))
def bad():
    yield 1
    raise OSError("x")
b = bad(); b.send(None)
try:
    b.send(None)
except OSError:
    traceback.print_exc(file=sys.stdout)
print(b.send.__name__)
