# send/throw/close routed through a chain of three delegating generators.
def leaf():
    total = 0
    try:
        while True:
            try:
                v = yield total
            except KeyError:
                print("leaf handled KeyError")
                v = 100
            total += v
    finally:
        print("leaf closed, total", total)
def middle():
    r = yield from leaf()
    print("middle never sees a return", r)
def top():
    yield from middle()
g = top()
print(next(g), g.send(1), g.send(2))
print(g.throw(KeyError))
try:
    g.throw(ValueError("not handled"))
except ValueError as e:
    print("propagated to caller:", e)
print(g.gi_frame is None)
