# throw()/close() on generators suspended in `yield from`: the delegation's stack slots
# (subiterator, sent value) must be in place when the exception arrives (was a segfault).
def leaf():
    try:
        yield "leaf"
    except KeyError as e:
        return f"leaf returned after {e!r}"
def mid():
    r = yield from leaf()
    yield r
g = mid()
print(next(g))
print(g.throw(KeyError("k")))
g.close()

def deep(n):
    if n == 0:
        try:
            yield 0
        finally:
            print("innermost finally")
    else:
        yield from deep(n - 1)
d = deep(50)
print(next(d))
try:
    d.throw(ValueError("through 50 levels"))
except ValueError as e:
    print("caller got", e)
print(d.gi_frame is None)

class Plain:
    def __iter__(self): return self
    def __next__(self): return "plain"
class WithThrow(Plain):
    def throw(self, *args):
        print("WithThrow.throw", [type(a).__name__ for a in args])
        raise StopIteration("swallowed")
    def close(self):
        print("WithThrow.close")
def over(it):
    try:
        r = yield from it
        print("delegation result", r)
        yield "after"
    except TypeError as e:
        yield f"outer caught {e}"
for it in (Plain(), WithThrow()):
    o = over(it)
    print(next(o))
    print(o.throw(TypeError("t")))
o = over(WithThrow())
next(o)
o.close()

def try_in_loop():
    for i in range(3):
        try:
            yield from leaf()
        except RuntimeError:
            print("caught", i)
t = try_in_loop()
print(next(t), t.throw(RuntimeError), next(t, "exhausted"), t.throw(RuntimeError, None) if False else "")
try:
    t.throw(RuntimeError)
except StopIteration:
    print("stopped")
print("done")
