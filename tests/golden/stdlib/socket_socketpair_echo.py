# socket.socketpair: an echo over a connected AF_UNIX stream pair, with sendall/recv,
# shutdown, makefile, addresses, and the socket object's attributes.
import socket

a, b = socket.socketpair()
print(a.family, a.type, a.proto)
print(isinstance(a, socket.socket), a.gettimeout(), a.getblocking())
print(repr(a.getsockname()), repr(a.getpeername()))

a.sendall(b"hello world")
data = b""
while len(data) < 11:
    data += b.recv(4)
print(data)
b.send(data.upper())
print(a.recv(100))

# A large payload goes through in pieces.
payload = bytes(range(256)) * 1000
import threading
t = threading.Thread(target=a.sendall, args=(payload,))
t.start()
got = bytearray()
while len(got) < len(payload):
    chunk = b.recv(65536)
    if not chunk:
        break
    got += chunk
t.join()
print(len(got), bytes(got) == payload)

# recv_into fills a caller's buffer.
buf = bytearray(8)
a.send(b"abc")
n = b.recv_into(buf)
print(n, buf)

# EOF after shutdown.
a.shutdown(socket.SHUT_WR)
print(b.recv(10))

# makefile wraps the socket in a buffered file.
c, d = socket.socketpair()
w = c.makefile("wb")
r = d.makefile("rb")
w.write(b"line one\nline two\n")
w.flush()
print(r.readline(), r.readline())
w.close(); r.close()

# dup shares the connection.
e = c.dup()
e.send(b"via dup")
print(d.recv(20))
for s in (a, b, c, d, e):
    s.close()
print(a.fileno(), "[closed]" in repr(a))
try:
    a.recv(1)
except OSError as exc:
    print(type(exc).__name__, exc.errno)

# Context manager closes.
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    print(s.family.name, s.type.name)
print(s.fileno())
