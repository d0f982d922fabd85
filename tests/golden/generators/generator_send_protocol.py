# Implementing the generator protocol by hand: a class with send/throw/close matching generator semantics.
import collections.abc
class Manual:
    def __init__(self): self.state = 0
    def __iter__(self): return self
    def __next__(self): return self.send(None)
    def send(self, v):
        if self.state >= 3:
            raise StopIteration("manual done")
        self.state += 1
        return (self.state, v)
    def throw(self, typ, val=None, tb=None):
        raise typ if val is None else val
    def close(self):
        self.state = 99
m = Manual()
print(next(m), m.send("x"), list(m))
print(isinstance(m, collections.abc.Iterator), isinstance(m, collections.abc.Generator))
collections.abc.Generator.register(Manual)
print(isinstance(Manual(), collections.abc.Generator))
def deleg():
    r = yield from Manual()
    yield f"delegate got {r}"
print(list(deleg()))
