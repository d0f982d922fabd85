# TCP on the loopback: bind/listen/connect/accept, timeouts and the non-blocking errors.
import errno
import socket

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, port > 0)

# accept on a non-blocking listener with nobody waiting.
srv.setblocking(False)
print(srv.gettimeout(), srv.getblocking())
try:
    srv.accept()
except BlockingIOError as e:
    print("BlockingIOError", e.errno == errno.EAGAIN)

# accept with a timeout.
srv.settimeout(0.05)
try:
    srv.accept()
except TimeoutError as e:
    print("TimeoutError", e, isinstance(e, socket.timeout))

cli = socket.create_connection((host, port))
srv.settimeout(None)
conn, addr = srv.accept()
print(addr[0], addr[1] == cli.getsockname()[1], conn.getpeername() == cli.getsockname())
print(conn.gettimeout(), cli.getpeername() == (host, port))

# recv on an empty non-blocking socket.
conn.setblocking(False)
try:
    conn.recv(10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno in (errno.EAGAIN, errno.EWOULDBLOCK))
conn.settimeout(0.05)
try:
    conn.recv(10)
except TimeoutError as e:
    print("TimeoutError", e)

cli.sendall(b"ping")
conn.settimeout(5)
print(conn.recv(10))
conn.sendall(b"pong")
print(cli.recv(10))

# connect_ex to a closed port returns the errno; connect raises.
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
closed_port = probe.getsockname()[1]
probe.close()
s = socket.socket()
print(s.connect_ex(("127.0.0.1", closed_port)) == errno.ECONNREFUSED)
s.close()
s = socket.socket()
try:
    s.connect(("127.0.0.1", closed_port))
except ConnectionRefusedError as e:
    print("ConnectionRefusedError", e.errno == errno.ECONNREFUSED)
s.close()

# A non-blocking connect is in progress.
s = socket.socket()
s.setblocking(False)
try:
    s.connect((host, port))
    print("connected at once")
except BlockingIOError as e:
    print("BlockingIOError", e.errno == errno.EINPROGRESS)
s.close()

# Bad addresses.
for bad in [1, ("127.0.0.1",), ("127.0.0.1", 70000), (1, 80)]:
    try:
        socket.socket().bind(bad)
    except (TypeError, OverflowError, OSError) as e:
        print(type(e).__name__, e)
for bad in ["a", -1]:
    try:
        socket.socket().settimeout(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# UDP datagrams with addresses.
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, frm = u1.recvfrom(100)
print(data, frm[1] == u2.getsockname()[1])
for x in (srv, cli, conn, u1, u2):
    x.close()
