# select.select, poll and epoll on a socketpair, and the selectors module over them.
import select
import selectors
import socket

a, b = socket.socketpair()

print(select.select([a, b], [], [], 0))
r, w, x = select.select([a, b], [a], [], 0)
print(r == [], w == [a], x)
b.send(b"x")
r, w, x = select.select([a, b], [], [], 1.0)
print(r == [a], w, x)
print(a.recv(1))
# File descriptors work as well as objects with fileno().
print(select.select([a.fileno()], [], [], 0))

p = select.poll()
p.register(a, select.POLLIN)
p.register(b.fileno(), select.POLLOUT)
print(sorted(p.poll(0)) == [(b.fileno(), select.POLLOUT)])
b.send(b"yy")
print(sorted(p.poll(100)) == sorted([(a.fileno(), select.POLLIN), (b.fileno(), select.POLLOUT)]))
p.modify(b, select.POLLIN)
p.unregister(a)
print(p.poll(0))
try:
    p.unregister(a)
except KeyError as e:
    print("KeyError", e.args == (a.fileno(),))
print(a.recv(2))

ep = select.epoll()
print(ep.closed, ep.fileno() >= 0)
ep.register(a, select.EPOLLIN)
print(ep.poll(0))
b.send(b"z")
print(ep.poll(1) == [(a.fileno(), select.EPOLLIN)])
try:
    ep.register(a, select.EPOLLIN)
except FileExistsError as e:
    print("FileExistsError", e.errno)
ep.unregister(a)
print(ep.poll(0))
ep.close()
print(ep.closed)
try:
    ep.poll()
except ValueError as e:
    print("ValueError", e)
print(a.recv(1))

# Errors.
try:
    select.select([-1], [], [], 0)
except ValueError as e:
    print("ValueError", e)
try:
    select.select([object()], [], [], 0)
except TypeError as e:
    print("TypeError", e)
try:
    select.select([], [], [], -1)
except ValueError as e:
    print("ValueError", e)

# selectors: DefaultSelector is epoll on Linux.
sel = selectors.DefaultSelector()
print(type(sel).__name__)
sel.register(a, selectors.EVENT_READ, data="a-reader")
print(sel.select(0))
b.send(b"hello")
for key, events in sel.select(1):
    print(key.data, events == selectors.EVENT_READ, key.fileobj is a)
print(a.recv(10))
sel.unregister(a)
sel.close()
a.close()
b.close()
