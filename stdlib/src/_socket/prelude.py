# The Python half of Ladon's `_socket` (see mod.rs): the socket class and the exceptions,
# over the native per-descriptor functions `_s_*` of sock.rs. A socket keeps its descriptor,
# family, type, protocol and timeout in slots; the timeout travels with every blocking call
# (-1.0 for blocking mode), as CPython's sock_call() reads sock_timeout.

import sys as _sys

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


herror.__module__ = gaierror.__module__ = 'socket'

_default_timeout = None
_NOADDR = object()


def _timeout_arg(value):
    # CPython's socket_parse_timeout: None, or a non-negative number of seconds.
    if value is None:
        return None
    if isinstance(value, float):
        t = value
    else:
        try:
            t = float(value.__index__()) if not isinstance(value, int) else float(value)
        except AttributeError:
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an "
                            "integer or float") from None
    if t != t:
        raise ValueError("Invalid value NaN (not a number)")
    if t < 0:
        raise ValueError("Timeout value out of range")
    if t > 9.2e9:
        raise OverflowError("timestamp out of range for C PyTime_t")
    return t


def getdefaulttimeout():
    """getdefaulttimeout() -> timeout

Returns the default timeout in seconds (float) for new socket objects.
A value of None indicates that new socket objects have no timeout.
When the socket module is first imported, the default is None."""
    return _default_timeout


def setdefaulttimeout(timeout, /):
    """setdefaulttimeout(timeout)

Set the default timeout in seconds (float) for new socket objects.
A value of None indicates that new socket objects have no timeout.
When the socket module is first imported, the default is None."""
    global _default_timeout
    _default_timeout = _timeout_arg(timeout)


def _int(v):
    if isinstance(v, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    return v.__index__()


class socket:
    """socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object
socket(family=-1, type=-1, proto=-1, fileno=None) -> socket object

Open a socket of the given type.  The family argument specifies the
address family; it defaults to AF_INET.  The type argument specifies
whether this is a stream (SOCK_STREAM, this is the default)
or datagram (SOCK_DGRAM) socket.  The protocol argument defaults to 0,
specifying the default protocol.  Keyword arguments are accepted.
The socket is created as non-inheritable.

When a fileno is passed in, family, type and proto are auto-detected,
unless they are explicitly set."""

    __slots__ = ('_fd', '_family', '_type', '_proto', '_timeout')

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._fd = -1
        self._family = AF_INET
        self._type = SOCK_STREAM
        self._proto = 0
        self._timeout = None
        return self

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        family, type, proto = _int(family), _int(type), _int(proto)
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
            fd = _s_new(family, type, proto)
        else:
            fd = _int(fileno)
            if fd < 0:
                raise ValueError("negative file descriptor")
            if family == -1 or type == -1 or proto == -1:
                f, t, p = _s_info(fd)
                if family == -1:
                    family = f
                if type == -1:
                    type = t
                if proto == -1:
                    proto = p
        self._fd = fd
        self._family = family
        self._type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
        self._proto = proto
        if type & SOCK_NONBLOCK:
            self._timeout = 0.0
        else:
            self._timeout = _default_timeout
        if self._timeout is not None:
            _s_set_blocking(fd, False)

    def __repr__(self):
        return (f"<socket object, fd={self._fd}, family={self._family}, "
                f"type={self._type}, proto={self._proto}>")

    def __getstate__(self):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")

    def __del__(self):
        # CPython's sock_finalize: an unclosed socket warns (ResourceWarning) and closes.
        fd = self._fd
        if fd == -1:
            return
        warnings = _sys.modules.get('warnings')
        if warnings is not None:
            try:
                warnings.warn(f"unclosed {self!r}", ResourceWarning, stacklevel=2, source=self)
            except Exception:
                pass
        self._fd = -1
        try:
            _s_close(fd)
        except OSError:
            pass

    def _t(self):
        t = self._timeout
        return -1.0 if t is None else t

    @property
    def family(self):
        """the socket family"""
        return self._family

    @property
    def type(self):
        """the socket type"""
        return self._type

    @property
    def proto(self):
        """the socket protocol"""
        return self._proto

    @property
    def timeout(self):
        """the socket timeout"""
        return self._timeout

    def fileno(self):
        """fileno() -> integer

Return the integer file descriptor of the socket."""
        return self._fd

    def close(self):
        """close()

Close the socket.  It cannot be used after this call."""
        fd = self._fd
        if fd != -1:
            self._fd = -1
            _s_close(fd)

    def detach(self):
        """detach()

Close the socket object without closing the underlying file descriptor.
The object cannot be used after this call, but the file descriptor
can be reused for other purposes.  The file descriptor is returned."""
        fd = self._fd
        self._fd = -1
        return fd

    def gettimeout(self):
        """gettimeout() -> timeout

Returns the timeout in seconds (float) associated with socket
operations. A timeout of None indicates that timeouts on socket
operations are disabled."""
        return self._timeout

    def settimeout(self, timeout, /):
        """settimeout(timeout)

Set a timeout on socket operations.  'timeout' can be a float,
giving in seconds, or None.  Setting a timeout of None disables
the timeout feature and is equivalent to setblocking(1).
Setting a timeout of zero is the same as setblocking(0)."""
        t = _timeout_arg(timeout)
        self._timeout = t
        _s_set_blocking(self._fd, t is None)

    def setblocking(self, flag, /):
        """setblocking(flag)

Set the socket to blocking (flag is true) or non-blocking (false).
setblocking(True) is equivalent to settimeout(None);
setblocking(False) is equivalent to settimeout(0.0)."""
        block = bool(flag)
        self._timeout = None if block else 0.0
        _s_set_blocking(self._fd, block)

    def getblocking(self):
        """getblocking()

Returns True if socket is in blocking mode, or False if it
is in non-blocking mode."""
        return self._timeout != 0.0

    def _accept(self):
        """_accept() -> (integer, address info)

Wait for an incoming connection.  Return a new socket file descriptor
representing the connection, and the address of the client.
For IP sockets, the address info is a pair (hostaddr, port)."""
        return _s_accept(self._fd, self._family, self._t())

    def bind(self, address, /):
        """bind(address)

Bind the socket to a local address.  For IP sockets, the address is a
pair (host, port); the host must refer to the local host. For raw packet
sockets the address is a tuple (ifname, proto [,pkttype [,hatype [,addr]]])"""
        _s_bind(self._fd, self._family, address)

    def connect(self, address, /):
        """connect(address)

Connect the socket to a remote address.  For IP sockets, the address
is a pair (host, port)."""
        _s_connect(self._fd, self._family, address, self._t(), True)

    def connect_ex(self, address, /):
        """connect_ex(address) -> errno

This is like connect(address), but returns an error code (the errno value)
instead of raising an exception when an error occurs."""
        return _s_connect(self._fd, self._family, address, self._t(), False)

    def listen(self, backlog=min(SOMAXCONN, 128), /):
        """listen([backlog])

Enable a server to accept connections.  If backlog is specified, it must be
at least 0 (if it is lower, it is set to 0); it specifies the number of
unaccepted connections that the system will allow before refusing new
connections. If not specified, a default reasonable value is chosen."""
        _s_listen(self._fd, max(_int(backlog), 0))

    def getsockname(self):
        """getsockname() -> address info

Return the address of the local endpoint. The format depends on the
address family. For IPv4 sockets, the address info is a pair
(hostaddr, port). For IPv6 sockets, the address info is a 4-tuple
(hostaddr, port, flowinfo, scope_id)."""
        return _s_name(self._fd, self._family, False)

    def getpeername(self):
        """getpeername() -> address info

Return the address of the remote endpoint.  For IP sockets, the address
info is a pair (hostaddr, port)."""
        return _s_name(self._fd, self._family, True)

    def getsockopt(self, level, option, buflen=None, /):
        """getsockopt(level, option[, buffersize]) -> value

Get a socket option.  See the Unix manual for level and option.
If a nonzero buffersize argument is given, the return value is a
string of that length; otherwise it is an integer."""
        return _s_getsockopt(self._fd, _int(level), _int(option),
                             None if buflen is None else _int(buflen))

    def setsockopt(self, level, option, value, optlen=None, /):
        """setsockopt(level, option, value: int)
setsockopt(level, option, value: buffer)
setsockopt(level, option, None, optlen: int)

Set a socket option.  See the Unix manual for level and option.
The value argument can either be an integer, a string buffer, or
None, optlen."""
        if optlen is not None:
            if value is not None:
                raise TypeError("setsockopt() takes exactly 4 arguments (3 given)")
            optlen = _int(optlen)
        _s_setsockopt(self._fd, _int(level), _int(option), value, optlen)

    def recv(self, bufsize, flags=0, /):
        """recv(buffersize[, flags]) -> data

Receive up to buffersize bytes from the socket.  For the optional flags
argument, see the Unix manual.  When no data is available, block until
at least one byte is available or until the remote end is closed.  When
the remote end is closed and all data is read, return the empty string."""
        bufsize = _int(bufsize)
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        return _s_recv(self._fd, bufsize, _int(flags), self._t())

    def recvfrom(self, bufsize, flags=0, /):
        """recvfrom(buffersize[, flags]) -> (data, address info)

Like recv(buffersize, flags) but also return the sender's address info."""
        bufsize = _int(bufsize)
        if bufsize < 0:
            raise ValueError("negative buffersize in recvfrom")
        return _s_recvfrom(self._fd, self._family, bufsize, _int(flags), self._t())

    def recv_into(self, buffer, nbytes=0, flags=0, /):
        """recv_into(buffer, [nbytes[, flags]]) -> nbytes_read

A version of recv() that stores its data into a buffer rather than creating
a new string.  Receive up to buffersize bytes from the socket.  If buffersize
is not specified (or 0), receive up to the size available in the given buffer.

See recv() for documentation about the flags."""
        n, _ = self._recv_into(buffer, nbytes, flags, False, "recv_into")
        return n

    def recvfrom_into(self, buffer, nbytes=0, flags=0, /):
        """recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address info)

Like recv_into(buffer[, nbytes[, flags]]) but also return the sender's address info."""
        return self._recv_into(buffer, nbytes, flags, True, "recvfrom_into")

    def _recv_into(self, buffer, nbytes, flags, want_addr, name):
        nbytes = _int(nbytes)
        flags = _int(flags)
        if isinstance(buffer, (bytes, str)) or not hasattr(buffer, '__len__'):
            raise TypeError(f"{name}() argument 'buffer' must be read-write bytes-like "
                            f"object, not {type(buffer).__name__}")
        if nbytes < 0:
            raise ValueError(f"negative buffersize in {name}")
        size = len(buffer)
        if nbytes == 0:
            nbytes = size
        elif nbytes > size:
            raise ValueError(f"buffer too small for requested bytes")
        if want_addr:
            data, addr = _s_recvfrom(self._fd, self._family, nbytes, flags, self._t())
        else:
            data, addr = _s_recv(self._fd, nbytes, flags, self._t()), None
        buffer[:len(data)] = data
        return len(data), addr

    def send(self, data, flags=0, /):
        """send(data[, flags]) -> count

Send a data string to the socket.  For the optional flags
argument, see the Unix manual.  Return the number of bytes
sent; this may be less than len(data) if the network is busy."""
        return _s_send(self._fd, data, _int(flags), self._t())

    def sendall(self, data, flags=0, /):
        """sendall(data[, flags])

Send a data string to the socket.  For the optional flags
argument, see the Unix manual.  This calls send() repeatedly
until all data is sent.  If an error occurs, it's impossible
to tell how much data has been sent."""
        _s_sendall(self._fd, data, _int(flags), self._t())

    def sendto(self, data, flags_or_addr, addr=_NOADDR, /):
        """sendto(data[, flags], address) -> count

Like send(data, flags) but allows specifying the destination address.
For IP sockets, the address is a pair (hostaddr, port)."""
        if addr is _NOADDR:
            flags, addr = 0, flags_or_addr
        else:
            flags = _int(flags_or_addr)
        return _s_sendto(self._fd, self._family, data, flags, addr, self._t())

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None, /):
        """sendmsg(buffers[, ancdata[, flags[, address]]]) -> count

Send normal and ancillary data to the socket, gathering the
non-ancillary data from a series of buffers and concatenating it into
a single message.  The buffers argument specifies the non-ancillary
data as an iterable of bytes-like objects (e.g. bytes objects).
The ancdata argument specifies the ancillary data (control messages)
as an iterable of zero or more tuples (cmsg_level, cmsg_type,
cmsg_data), where cmsg_level and cmsg_type are integers specifying the
protocol level and protocol-specific type respectively, and cmsg_data
is a bytes-like object holding the associated data.  The flags
argument defaults to 0 and has the same meaning as for send().  If
address is supplied and not None, it sets a destination address for
the message.  The return value is the number of bytes of non-ancillary
data sent."""
        bufs = [_bytes_of(b) for b in buffers]
        anc = []
        for item in ancdata:
            level, typ, data = item
            anc.append((_int(level), _int(typ), _bytes_of(data)))
        return _s_sendmsg(self._fd, self._family, bufs, anc, _int(flags), address,
                          self._t())

    def recvmsg(self, bufsize, ancbufsize=0, flags=0, /):
        """recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)

Receive normal data (up to bufsize bytes) and ancillary data from the
socket.  The ancbufsize argument sets the size in bytes of the
internal buffer used to receive the ancillary data; it defaults to 0,
meaning that no ancillary data will be received.  Appropriate buffer
sizes for ancillary data can be calculated using CMSG_SPACE() or
CMSG_LEN(), and items which do not fit into the buffer might be
truncated or discarded.  The flags argument defaults to 0 and has the
same meaning as for recv()."""
        bufsize, ancbufsize = _int(bufsize), _int(ancbufsize)
        if bufsize < 0:
            raise ValueError("negative buffer size in recvmsg()")
        if ancbufsize < 0:
            raise ValueError("negative buffer size in recvmsg()")
        return _s_recvmsg(self._fd, self._family, bufsize, ancbufsize, _int(flags),
                          self._t())

    def shutdown(self, how, /):
        """shutdown(flag)

Shut down the reading side of the socket (flag == SHUT_RD), the writing side
of the socket (flag == SHUT_WR), or both ends (flag == SHUT_RDWR)."""
        _s_shutdown(self._fd, _int(how))


def _bytes_of(b):
    if isinstance(b, (bytes, bytearray)):
        return b
    if isinstance(b, str) or not hasattr(b, 'tobytes'):
        raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'")
    return b.tobytes()


SocketType = socket


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0, /):
    """socketpair([family[, type [, proto]]]) -> (socket object, socket object)

Create a pair of socket objects from the sockets returned by the platform
socketpair() function.
The arguments are the same as for socket() except the default family is
AF_UNIX if defined on the platform; otherwise, the default is AF_INET."""
    family, type, proto = _int(family), _int(type), _int(proto)
    fa, fb = _socketpair(family, type, proto)
    return (socket(family, type, proto, fa), socket(family, type, proto, fb))
