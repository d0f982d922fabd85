# Two threads drive one generator (for loops resume it in line) and share one delegate of
# `yield from`: the loser of a race gets "generator already executing" and retries; every
# item comes out exactly once and nothing is corrupted.
import threading

N = 20000


def numbers():
    for i in range(N):
        yield i


def consume(g, out, errors):
    while True:
        try:
            for x in g:
                out.append(x)
            return
        except ValueError as e:
            errors.add(str(e))


g = numbers()
outs = [[], []]
errors = set()
threads = [threading.Thread(target=consume, args=(g, outs[i], errors)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
merged = sorted(outs[0] + outs[1])
print("items", len(merged), merged == list(range(N)))
print("errors", errors <= {"generator already executing"})

inner = numbers()


def outer():
    yield from inner


def drive(out, errors):
    while True:
        try:
            for x in outer():
                out.append(x)
            return
        except ValueError as e:
            errors.add(str(e))


outs = [[], []]
errors = set()
threads = [threading.Thread(target=drive, args=(outs[i], errors)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
merged = sorted(outs[0] + outs[1])
print("delegated items", len(merged), merged == list(range(N)))
print("errors", errors <= {"generator already executing"})
