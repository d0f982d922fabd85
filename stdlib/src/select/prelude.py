# The Python half of Ladon's `select` module (see mod.rs): the poll and epoll classes over
# the native system-call wrappers _poll, _epoll_create, _epoll_ctl and _epoll_wait.


def _fd(obj):
    # CPython's PyObject_AsFileDescriptor: an int, or an object with fileno().
    if isinstance(obj, int):
        fd = obj
    else:
        try:
            fileno = obj.fileno
        except AttributeError:
            raise TypeError("argument must be an int, or have a fileno() method.") from None
        fd = fileno()
        if not isinstance(fd, int):
            raise TypeError("fileno() returned a non-integer")
    if fd < 0:
        raise ValueError(f"file descriptor cannot be a negative integer ({fd})")
    if fd > 0x7FFFFFFF:
        raise OverflowError("fd is greater than maximum")
    return int(fd)


def _ushort(mask):
    mask = mask.__index__()
    if mask < 0:
        raise OverflowError("can't convert negative int to unsigned")
    if mask > 0xFFFF:
        raise OverflowError("Python int too large for C unsigned short")
    return mask


def _uint(mask):
    mask = mask.__index__()
    if mask < 0:
        raise OverflowError("can't convert negative int to unsigned")
    if mask > 0xFFFFFFFF:
        raise OverflowError("Python int too large to convert to C unsigned int")
    return mask


def _timeout_ms(timeout, scale):
    # CPython's _PyTime_From{Milliseconds,Seconds}Object with ROUND_TIMEOUT (ceiling), then
    # milliseconds; None or a negative value waits forever (-1).
    if timeout is None:
        return -1
    if not isinstance(timeout, (int, float)):
        try:
            timeout = timeout.__index__()
        except AttributeError:
            raise TypeError("timeout must be an integer or None") from None
    if timeout != timeout:
        raise ValueError("Invalid value NaN (not a number)")
    ms = timeout * scale
    if ms < 0:
        return -1
    if ms > 0x7FFFFFFF:
        raise OverflowError("timeout is too large")
    whole = int(ms)
    return whole + 1 if whole < ms else whole


class _PollType:
    """Returns a polling object.

This object supports registering and unregistering file descriptors, and then
polling them for I/O events."""

    __slots__ = ('_fds', '_polling', '__weakref__')

    def __init__(self):
        self._fds = {}
        self._polling = False

    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT, /):
        """Register a file descriptor with the polling object."""
        self._fds[_fd(fd)] = _ushort(eventmask)

    def modify(self, fd, eventmask, /):
        """Modify an already registered file descriptor."""
        fd = _fd(fd)
        eventmask = _ushort(eventmask)
        if fd not in self._fds:
            raise FileNotFoundError(2, "No such file or directory")
        self._fds[fd] = eventmask

    def unregister(self, fd, /):
        """Remove a file descriptor being tracked by the polling object."""
        fd = _fd(fd)
        if fd not in self._fds:
            raise KeyError(fd)
        del self._fds[fd]

    def poll(self, timeout=None, /):
        """Polls the set of registered file descriptors.

  timeout
    The maximum time to wait in milliseconds, or else None (or a negative
    value) to wait indefinitely.

Returns a list containing any descriptors that have events or errors to
report, as a list of (fd, event) 2-tuples."""
        ms = _timeout_ms(timeout, 1)
        if self._polling:
            raise RuntimeError("concurrent poll() invocation")
        self._polling = True
        try:
            return _poll(list(self._fds), list(self._fds.values()), ms)
        finally:
            self._polling = False


_PollType.__name__ = _PollType.__qualname__ = 'poll'
# CPython's select.poll is a builtin function; a class (which, unlike a Python function, does
# not bind as a method) keeps selectors' `_selector_cls = select.poll` working.
poll = _PollType


class epoll:
    """Returns an epolling object.

  sizehint
    The expected number of events to be registered.  It must be positive,
    or -1 to use the default.  It is only used on older systems where
    epoll_create1() is not available; otherwise it has no effect (though its
    value is still checked).
  flags
    Deprecated and completely ignored.  However, when supplied, its value
    must be 0 or select.EPOLL_CLOEXEC, otherwise OSError is raised."""

    __slots__ = ('_epfd', '__weakref__')

    def __new__(cls, sizehint=-1, flags=0):
        sizehint = sizehint.__index__()
        if sizehint == -1:
            pass
        elif sizehint <= 0:
            raise ValueError("negative sizehint")
        if flags and flags != EPOLL_CLOEXEC:
            raise OSError("invalid flags")
        self = object.__new__(cls)
        self._epfd = _epoll_create(0)
        return self

    @classmethod
    def fromfd(cls, fd, /):
        """Create an epoll object from a given control fd."""
        self = object.__new__(cls)
        self._epfd = fd.__index__()
        return self

    def _check(self):
        if self._epfd < 0:
            raise ValueError("I/O operation on closed epoll object")
        return self._epfd

    def close(self):
        """Close the epoll control file descriptor.

Further operations on the epoll object will raise an exception."""
        fd = self._epfd
        if fd >= 0:
            self._epfd = -1
            _close(fd)

    @property
    def closed(self):
        """True if the epoll handler is closed"""
        return self._epfd < 0

    def fileno(self):
        """Return the epoll control file descriptor."""
        return self._check()

    def register(self, fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT):
        """Registers a new fd or raises an OSError if the fd is already registered.

  fd
    the target file descriptor of the operation
  eventmask
    a bit set composed of the various EPOLL constants

The epoll interface supports all file descriptors that support poll."""
        fd = _fd(fd)
        eventmask = _uint(eventmask)
        _epoll_ctl(self._check(), 1, fd, eventmask)

    def modify(self, fd, eventmask):
        """Modify event mask for a registered file descriptor.

  fd
    the target file descriptor of the operation
  eventmask
    a bit set composed of the various EPOLL constants"""
        fd = _fd(fd)
        eventmask = _uint(eventmask)
        _epoll_ctl(self._check(), 3, fd, eventmask)

    def unregister(self, fd):
        """Remove a registered file descriptor from the epoll object.

  fd
    the target file descriptor of the operation"""
        fd = _fd(fd)
        _epoll_ctl(self._check(), 2, fd, 0)

    def poll(self, timeout=None, maxevents=-1):
        """Wait for events on the epoll file descriptor.

  timeout
    the maximum time to wait in seconds (as float);
    a timeout of None or -1 makes poll wait indefinitely
  maxevents
    the maximum number of events returned; -1 means no limit

Returns a list containing any descriptors that have events to report,
as a list of (fd, events) 2-tuples."""
        epfd = self._check()
        ms = _timeout_ms(timeout, 1000)
        maxevents = maxevents.__index__()
        if maxevents == -1:
            maxevents = 1023
        elif maxevents < 1:
            raise ValueError(f"maxevents must be greater than 0, got {maxevents}")
        return _epoll_wait(epfd, ms, maxevents)

    def __del__(self):
        self.close()

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __reduce__(self):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")

