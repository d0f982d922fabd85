# generator.send: priming rules, values flowing both ways, running accumulator.
def averager():
    total, count, avg = 0, 0, None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
g = averager()
print(next(g))
print(g.send(10), g.send(20), g.send(60))
g2 = averager()
try:
    g2.send(5)
except TypeError as e:
    print(e)
print(g2.send(None))
def echo():
    received = []
    while len(received) < 3:
        received.append((yield len(received)))
    return received
e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send("c")
except StopIteration as s:
    print("returned", s.value)
try:
    e.send("again")
except StopIteration as s:
    print("exhausted", s.value)
