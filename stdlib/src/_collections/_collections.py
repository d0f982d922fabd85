# Body of Ladon's `_collections` (run by stdlib/src/_collections/mod.rs in the module's
# namespace). Behaviour and messages follow CPython 3.14's Modules/_collectionsmodule.c.
#
# A deque keeps its items in `_items[_head:]` (popleft advances `_head`; the dead prefix is
# cut off once it is half the list, so both ends are amortized O(1)) and a mutation counter
# (`_state`); every mutation runs
# under the deque's lock, so `append`/`popleft` (and the trim of a bounded deque) are atomic
# with respect to other threads. User code (`__eq__` of items) never runs under the lock.

from _thread import allocate_lock as _allocate_lock, get_ident as _get_ident

_repr_running = set()
_NOARG = object()


def _index(v, what='integer'):
    try:
        f = type(v).__index__
    except AttributeError:
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer") from None
    return f(v)


class deque:
    __slots__ = ('_items', '_head', '_maxlen', '_state', '_lock', '__weakref__')

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._items = []
        self._head = 0
        self._maxlen = None
        self._state = 0
        self._lock = _allocate_lock()
        return self

    def __init__(self, iterable=_NOARG, maxlen=None):
        if maxlen is not None:
            maxlen = _index(maxlen)
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        with self._lock:
            self._maxlen = maxlen
            if self._items:
                self._items = []
                self._head = 0
                self._state += 1
        if iterable is not _NOARG:
            self.extend(iterable)

    @property
    def maxlen(self):
        """maximum size of a deque or None if unbounded"""
        return self._maxlen

    # --- mutation (each under the lock) ---

    def append(self, x, /):
        with self._lock:
            items = self._items
            items.append(x)
            m = self._maxlen
            if m is not None and len(items) - self._head > m:
                self._popleft()
            self._state += 1

    def appendleft(self, x, /):
        with self._lock:
            items = self._items
            h = self._head
            if h == 0:
                # Open a gap in front, amortizing the shift over many appendlefts.
                h = max(8, (len(items) + 1) // 2)
                items[:0] = [None] * h
            h -= 1
            items[h] = x
            self._head = h
            m = self._maxlen
            if m is not None and len(items) - h > m:
                items.pop()
            self._state += 1

    def pop(self):
        with self._lock:
            items = self._items
            if len(items) <= self._head:
                raise IndexError('pop from an empty deque')
            self._state += 1
            x = items.pop()
            if len(items) == self._head:
                self._items = []
                self._head = 0
            return x

    def popleft(self):
        with self._lock:
            if len(self._items) <= self._head:
                raise IndexError('pop from an empty deque')
            self._state += 1
            return self._popleft()

    def _popleft(self):
        # Under the lock, deque not empty.
        items = self._items
        h = self._head
        x = items[h]
        items[h] = None
        h += 1
        if h >= 32 and 2 * h >= len(items):
            del items[:h]
            h = 0
        self._head = h
        return x

    def _compact(self):
        # Under the lock: moves the items to the front so `_items` is exactly the deque.
        if self._head:
            del self._items[:self._head]
            self._head = 0

    def extend(self, iterable, /):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable, /):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        with self._lock:
            old = self._items
            self._items = []
            self._head = 0
            self._state += 1
        del old

    def insert(self, index, value, /):
        index = _index(index)
        with self._lock:
            self._compact()
            items = self._items
            if self._maxlen is not None and len(items) >= self._maxlen:
                raise IndexError('deque already at its maximum size')
            items.insert(index, value)
            self._state += 1

    def reverse(self):
        with self._lock:
            self._compact()
            self._items.reverse()
            self._state += 1

    def rotate(self, n=1, /):
        n = _index(n)
        with self._lock:
            self._compact()
            items = self._items
            k = len(items)
            if k > 1:
                n %= k
                if n:
                    items[:] = items[-n:] + items[:-n]
            self._state += 1

    def remove(self, value, /):
        for i, x in enumerate(self._snapshot()):
            if x is value or x == value:
                self._compact()
                with self._lock:
                    items = self._items
                    if i < len(items) and items[i] is x:
                        del items[i]
                        self._state += 1
                        return None
                raise IndexError('deque mutated during remove().')
        raise ValueError('deque.remove(x): x not in deque')

    def __setitem__(self, index, value):
        i = self._normindex(index)
        with self._lock:
            items = self._items
            if not 0 <= i < len(items) - self._head:
                raise IndexError('deque index out of range')
            items[self._head + i] = value

    def __delitem__(self, index):
        i = self._normindex(index)
        with self._lock:
            self._compact()
            items = self._items
            if not 0 <= i < len(items):
                raise IndexError('deque index out of range')
            del items[i]
            self._state += 1

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __imul__(self, n):
        n = _index(n)
        with self._lock:
            self._compact()
            items = self._items
            if n <= 0:
                items.clear()
            elif n > 1:
                items *= n
                m = self._maxlen
                if m is not None and len(items) > m:
                    del items[:len(items) - m]
            self._state += 1
        return self

    # --- reading ---

    def _snapshot(self):
        with self._lock:
            return self._items[self._head:]

    def _normindex(self, index):
        if not hasattr(type(index), '__index__') and not isinstance(index, slice):
            raise TypeError(f"sequence index must be integer, not '{type(index).__name__}'")
        i = _index(index)
        if i < 0:
            i += len(self)
        return i

    def __getitem__(self, index):
        i = self._normindex(index)
        with self._lock:
            items = self._items
            h = self._head
            if not 0 <= i < len(items) - h:
                raise IndexError('deque index out of range')
            return items[h + i]

    def __len__(self):
        with self._lock:
            return len(self._items) - self._head

    def __bool__(self):
        return len(self) != 0

    def __contains__(self, value):
        state = self._state
        for x in self._snapshot():
            if x is value or x == value:
                return True
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        return False

    def count(self, value, /):
        state = self._state
        n = 0
        for x in self._snapshot():
            if x is value or x == value:
                n += 1
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        return n

    def index(self, value, start=0, stop=None, /):
        snap = self._snapshot()
        k = len(snap)
        start = _index(start)
        if start < 0:
            start = max(start + k, 0)
        stop = k if stop is None else _index(stop)
        if stop < 0:
            stop = max(stop + k, 0)
        stop = min(stop, k)
        state = self._state
        for i in range(start, stop):
            x = snap[i]
            if x is value or x == value:
                return i
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        raise ValueError('deque.index(x): x not in deque')

    def copy(self):
        """Return a shallow copy of a deque."""
        cls = type(self)
        if cls is deque:
            d = deque(self._snapshot(), self._maxlen)
        elif self._maxlen is None:
            d = cls(self)
        else:
            d = cls(self, self._maxlen)
        return d

    __copy__ = copy

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        d = self.copy()
        d.extend(other)
        return d

    def __mul__(self, n):
        d = self.copy()
        d *= n
        return d

    __rmul__ = __mul__

    def __iter__(self):
        return _deque_iterator(self)

    def __reversed__(self):
        return _deque_reverse_iterator(self)

    def __repr__(self):
        key = (id(self), _get_ident())
        if key in _repr_running:
            return '[...]'
        _repr_running.add(key)
        try:
            body = repr(self._snapshot())
        finally:
            _repr_running.discard(key)
        name = type(self).__name__
        if self._maxlen is not None:
            return f'{name}({body}, maxlen={self._maxlen})'
        return f'{name}({body})'

    def __reduce__(self):
        cls = type(self)
        state = getattr(self, '__dict__', None) or None
        if self._maxlen is None:
            return (cls, (), state, iter(self))
        return (cls, ((), self._maxlen), state, iter(self))

    __hash__ = None

    def _cmp(self, other, op):
        if not isinstance(other, deque):
            return NotImplemented
        return op(self._snapshot(), other._snapshot())

    def __eq__(self, other):
        return self._cmp(other, lambda a, b: a == b)

    def __ne__(self, other):
        return self._cmp(other, lambda a, b: a != b)

    def __lt__(self, other):
        return self._cmp(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._cmp(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._cmp(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._cmp(other, lambda a, b: a >= b)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class _deque_iterator:
    __slots__ = ('_deque', '_index', '_state')

    def __new__(cls, deque, index=0, /):
        self = object.__new__(cls)
        self._deque = deque
        self._index = index
        self._state = deque._state
        return self

    def __iter__(self):
        return self

    def __next__(self):
        d = self._deque
        if d is None:
            raise StopIteration
        if d._state != self._state:
            self._deque = None
            raise RuntimeError('deque mutated during iteration')
        # No lock (a lock per item tripled the cost): a concurrent mutation can at worst
        # yield one shifted or stale item before `_state` shows it and the RuntimeError
        # follows; list reads are bounds-checked, so nothing reads out of range.
        i = self._index
        items = d._items
        try:
            x = items[d._head + i]
        except IndexError:
            self._deque = None
            raise StopIteration from None
        self._index = i + 1
        return x

    def __length_hint__(self):
        d = self._deque
        if d is None:
            return 0
        return max(len(d) - self._index, 0)


class _deque_reverse_iterator(_deque_iterator):
    __slots__ = ()

    def __next__(self):
        d = self._deque
        if d is None:
            raise StopIteration
        if d._state != self._state:
            self._deque = None
            raise RuntimeError('deque mutated during iteration')
        i = self._index
        items = d._items
        n = len(items) - 1 - i
        if n < d._head:
            self._deque = None
            raise StopIteration
        try:
            x = items[n]
        except IndexError:
            self._deque = None
            raise StopIteration from None
        self._index = i + 1
        return x


class defaultdict(dict):
    __slots__ = ('default_factory',)

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        f = self.default_factory
        if f is None:
            raise KeyError(key)
        value = f()
        self[key] = value
        return value

    def __repr__(self):
        f = self.default_factory
        if f is None:
            frepr = 'None'
        else:
            key = (id(f), _get_ident())
            if key in _repr_running:
                frepr = '...'
            else:
                _repr_running.add(key)
                try:
                    frepr = repr(f)
                finally:
                    _repr_running.discard(key)
        key = (id(self), _get_ident())
        if key in _repr_running:
            body = '{...}'
        else:
            _repr_running.add(key)
            try:
                body = dict.__repr__(self)
            finally:
                _repr_running.discard(key)
        return f'{type(self).__name__}({frepr}, {body})'

    def copy(self):
        """D.copy() -> a shallow copy of D."""
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        f = self.default_factory
        args = () if f is None else (f,)
        return (type(self), args, None, None, iter(self.items()))

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    def __ior__(self, other):
        dict.update(self, other)
        return self


def _count_elements(mapping, iterable, /):
    get = mapping.get
    for elem in iterable:
        mapping[elem] = get(elem, 0) + 1


for _c in (deque, defaultdict, _deque_iterator, _deque_reverse_iterator):
    _c.__module__ = 'collections'
del _c
