# getaddrinfo and friends for numeric and local names (no network needed).
import socket

def show(infos):
    for fam, typ, proto, canon, addr in infos:
        print(" ", fam.name, typ.name, proto, repr(canon), addr)

show(socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM))
show(socket.getaddrinfo("127.0.0.1", "8080", type=socket.SOCK_DGRAM))
show(socket.getaddrinfo("::1", 443, socket.AF_INET6, socket.SOCK_STREAM))
show(socket.getaddrinfo(None, 0, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_PASSIVE))
infos = socket.getaddrinfo("localhost", 80, socket.AF_INET, socket.SOCK_STREAM)
print(infos[0][4])
print(socket.gethostbyname("127.0.0.1"), socket.gethostbyname("localhost"))
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(isinstance(socket.gethostname(), str))

try:
    socket.getaddrinfo("host.invalid", 80)
except socket.gaierror as e:
    print("gaierror", isinstance(e, OSError), e.errno in (socket.EAI_NONAME, socket.EAI_AGAIN))
try:
    socket.getaddrinfo("127.0.0.1", 1.5)
except OSError as e:
    print(type(e).__name__, e)
try:
    socket.getaddrinfo(1, 1)
except TypeError as e:
    print(type(e).__name__, e)

print(socket.inet_aton("1.2.3.4"), socket.inet_ntoa(b"\x7f\x00\x00\x01"))
print(socket.inet_pton(socket.AF_INET6, "::1"))
print(socket.inet_ntop(socket.AF_INET6, b"\x20\x01\x0d\xb8" + bytes(11) + b"\x01"))
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
print(socket.getservbyname("http", "tcp"), socket.getprotobyname("tcp"))
print(socket.AF_INET, socket.SOCK_STREAM, repr(socket.AF_INET6), socket.SOL_SOCKET)
print(socket.timeout is TimeoutError, socket.error is OSError, socket.gaierror.__module__)
print(socket.has_ipv6, socket.getdefaulttimeout())
