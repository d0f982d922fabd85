# Body of Ladon's `itertools` (run by stdlib/src/itertools/mod.rs in the module's namespace).
# Behaviour, reprs and error messages follow CPython 3.14's Modules/itertoolsmodule.c.

_sentinel = object()
_maxsize = (1 << 63) - 1


def _index(v):
    return type(v).__index__(v)


class count:
    __slots__ = ('_cnt', '_step')

    def __new__(cls, start=0, step=1):
        for v in (start, step):
            t = type(v)
            if not (hasattr(t, '__index__') or hasattr(t, '__int__')
                    or hasattr(t, '__float__') or isinstance(v, complex)):
                raise TypeError('a number is required')
        self = object.__new__(cls)
        self._cnt = start
        self._step = step
        return self

    def __iter__(self):
        return self

    def __next__(self):
        c = self._cnt
        self._cnt = c + self._step
        return c

    def __repr__(self):
        name = type(self).__name__
        step = self._step
        if type(step) is int and step == 1:
            return f'{name}({self._cnt!r})'
        return f'{name}({self._cnt!r}, {step!r})'


class cycle:
    __slots__ = ('_it', '_saved', '_index', '_firstpass')

    def __new__(cls, iterable, /):
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._saved = []
        self._index = 0
        self._firstpass = False
        return self

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is not None:
            for item in it:
                if not self._firstpass:
                    self._saved.append(item)
                return item
            self._it = None
        saved = self._saved
        if not saved:
            raise StopIteration
        i = self._index
        if i >= len(saved):
            i = 0
        item = saved[i]
        self._index = i + 1
        return item


class repeat:
    __slots__ = ('_obj', '_cnt')

    def __new__(cls, object, times=_sentinel):
        self = _object.__new__(cls)
        self._obj = object
        if times is _sentinel:
            self._cnt = -1
        else:
            n = _index(times)
            self._cnt = n if n > 0 else 0
        return self

    def __iter__(self):
        return self

    def __next__(self):
        n = self._cnt
        if n == 0:
            raise StopIteration
        if n > 0:
            self._cnt = n - 1
        return self._obj

    def __length_hint__(self):
        if self._cnt < 0:
            raise TypeError('len() of unsized object')
        return self._cnt

    def __repr__(self):
        name = type(self).__name__
        if self._cnt < 0:
            return f'{name}({self._obj!r})'
        return f'{name}({self._obj!r}, {self._cnt})'


_object = object


class accumulate:
    __slots__ = ('_it', '_func', '_total', '_initial')

    def __new__(cls, iterable, func=None, *, initial=None):
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._func = func
        self._total = _sentinel
        self._initial = initial
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self._initial is not None:
            self._total = self._initial
            self._initial = None
            return self._total
        val = next(self._it)
        total = self._total
        if total is _sentinel:
            total = val
        elif self._func is None:
            total = total + val
        else:
            total = self._func(total, val)
        self._total = total
        return total


class batched:
    __slots__ = ('_it', '_n', '_strict')

    def __new__(cls, iterable, n, *, strict=False):
        n = _index(n)
        if n < 1:
            raise ValueError('n must be at least one')
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._n = n
        self._strict = strict
        return self

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        n = self._n
        batch = []
        for item in it:
            batch.append(item)
            if len(batch) == n:
                return tuple(batch)
        self._it = None
        if not batch:
            raise StopIteration
        if self._strict:
            raise ValueError('batched(): incomplete batch')
        return tuple(batch)


class chain:
    __slots__ = ('_source', '_active')

    def __new__(cls, *iterables):
        self = object.__new__(cls)
        self._source = iter(iterables)
        self._active = None
        return self

    @classmethod
    def from_iterable(cls, iterable, /):
        self = object.__new__(cls)
        self._source = iter(iterable)
        self._active = None
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            active = self._active
            if active is None:
                source = self._source
                if source is None:
                    raise StopIteration
                for nxt in source:
                    active = self._active = iter(nxt)
                    break
                else:
                    self._source = None
                    raise StopIteration
            for item in active:
                return item
            self._active = None

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class compress:
    __slots__ = ('_data', '_selectors')

    def __new__(cls, data, selectors):
        self = object.__new__(cls)
        self._data = iter(data)
        self._selectors = iter(selectors)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        data = self._data
        sel = self._selectors
        while True:
            d = next(data)
            s = next(sel)
            if s:
                return d


class dropwhile:
    __slots__ = ('_pred', '_it', '_done')

    def __new__(cls, predicate, iterable, /):
        self = object.__new__(cls)
        self._pred = predicate
        self._it = iter(iterable)
        self._done = False
        return self

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if self._done:
            return next(it)
        pred = self._pred
        while True:
            item = next(it)
            if not pred(item):
                self._done = True
                return item


class takewhile:
    __slots__ = ('_pred', '_it', '_stop')

    def __new__(cls, predicate, iterable, /):
        self = object.__new__(cls)
        self._pred = predicate
        self._it = iter(iterable)
        self._stop = False
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self._stop:
            raise StopIteration
        item = next(self._it)
        if self._pred(item):
            return item
        self._stop = True
        raise StopIteration


class filterfalse:
    __slots__ = ('_func', '_it')

    def __new__(cls, function, iterable, /):
        self = object.__new__(cls)
        self._func = function
        self._it = iter(iterable)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        func = self._func
        it = self._it
        while True:
            item = next(it)
            ok = bool(item) if func is None else func(item)
            if not ok:
                return item


class _grouper:
    __slots__ = ('_parent', '_tgtkey')

    def __iter__(self):
        return self

    def __next__(self):
        gb = self._parent
        if gb._currgrouper is not self:
            raise StopIteration
        if gb._currvalue is _sentinel:
            gb._step()
        if not (gb._currkey == self._tgtkey):
            raise StopIteration
        r = gb._currvalue
        gb._currvalue = _sentinel
        return r


class groupby:
    __slots__ = ('_it', '_keyfunc', '_tgtkey', '_currkey', '_currvalue', '_currgrouper')

    def __new__(cls, iterable, key=None):
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._keyfunc = key
        self._tgtkey = _sentinel
        self._currkey = _sentinel
        self._currvalue = _sentinel
        self._currgrouper = None
        return self

    def __iter__(self):
        return self

    def _step(self):
        v = next(self._it)
        k = v if self._keyfunc is None else self._keyfunc(v)
        self._currvalue = v
        self._currkey = k

    def __next__(self):
        self._currgrouper = None
        while True:
            if self._currkey is _sentinel:
                pass
            elif self._tgtkey is _sentinel:
                break
            elif not (self._tgtkey == self._currkey):
                break
            self._step()
        self._tgtkey = self._currkey
        g = object.__new__(_grouper)
        g._parent = self
        g._tgtkey = self._tgtkey
        self._currgrouper = g
        return (self._currkey, g)


class islice:
    __slots__ = ('_it', '_next', '_stop', '_step', '_cnt')

    def __new__(cls, iterable, *args):
        n = len(args)
        if n == 0:
            raise TypeError('islice expected at least 2 arguments, got 1')
        if n > 3:
            raise TypeError(f'islice expected at most 4 arguments, got {n + 1}')
        start = 0
        step = 1
        if n == 1:
            stop = args[0]
            if stop is not None:
                try:
                    stop = _index(stop)
                except Exception:
                    stop = -1
                if stop < 0 or stop > _maxsize:
                    raise ValueError('Stop argument for islice() must be None or an integer: '
                                     '0 <= x <= sys.maxsize.')
            else:
                stop = -1
        else:
            a1, a2 = args[0], args[1]
            if a1 is not None:
                try:
                    start = _index(a1)
                except Exception:
                    start = -1
            if a2 is not None:
                try:
                    stop = _index(a2)
                except Exception:
                    stop = -2
                if stop < 0 or stop > _maxsize:
                    raise ValueError('Stop argument for islice() must be None or an integer: '
                                     '0 <= x <= sys.maxsize.')
            else:
                stop = -1
            if start < 0 or start > _maxsize:
                raise ValueError('Indices for islice() must be None or an integer: '
                                 '0 <= x <= sys.maxsize.')
            if n == 3 and args[2] is not None:
                try:
                    step = _index(args[2])
                except Exception:
                    step = -1
                if step < 1:
                    raise ValueError('Step for islice() must be a positive integer or None.')
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._next = start
        self._stop = stop
        self._step = step
        self._cnt = 0
        return self

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        stop = self._stop
        try:
            while self._cnt < self._next:
                next(it)
                self._cnt += 1
            if stop != -1 and self._cnt >= stop:
                raise StopIteration
            item = next(it)
        except StopIteration:
            self._it = None
            raise
        self._cnt += 1
        nxt = self._next + self._step
        if stop != -1 and nxt > stop:
            nxt = stop
        self._next = nxt
        return item


class pairwise:
    __slots__ = ('_it', '_old')

    def __new__(cls, iterable, /):
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._old = _sentinel
        return self

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        old = self._old
        try:
            if old is _sentinel:
                old = self._old = next(it)
            new = next(it)
        except StopIteration:
            self._it = None
            self._old = _sentinel
            raise
        self._old = new
        return (old, new)


class starmap:
    __slots__ = ('_func', '_it')

    def __new__(cls, function, iterable, /):
        self = object.__new__(cls)
        self._func = function
        self._it = iter(iterable)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        args = next(self._it)
        if not isinstance(args, tuple):
            try:
                args = tuple(args)
            except TypeError:
                raise TypeError('iterable argument must be iterable, not '
                                f'{type(args).__name__}') from None
        return self._func(*args)


class _tee_dataobject:
    __slots__ = ('it', 'values', 'nextlink', 'lock')


class _tee:
    __slots__ = ('_data', '_index', '__weakref__')

    def __new__(cls, iterable, /):
        it = iter(iterable)
        if isinstance(it, _tee):
            return it.__copy__()
        self = object.__new__(cls)
        self._data = _tee_new_data(it)
        self._index = 0
        return self

    def __iter__(self):
        return self

    def __next__(self):
        data = self._data
        i = self._index
        if i >= 57:
            nl = data.nextlink
            if nl is None:
                nl = data.nextlink = _tee_new_data(data.it)
            data = self._data = nl
            i = self._index = 0
        values = data.values
        if i < len(values):
            v = values[i]
        else:
            v = next(data.it)
            values.append(v)
        self._index = i + 1
        return v

    def __copy__(self):
        t = object.__new__(type(self))
        t._data = self._data
        t._index = self._index
        return t


def _tee_new_data(it):
    d = object.__new__(_tee_dataobject)
    d.it = it
    d.values = []
    d.nextlink = None
    return d


_tee.__name__ = _tee.__qualname__ = '_tee'


def tee(iterable, n=2, /):
    n = _index(n)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    copyable = getattr(type(it), '__copy__', None)
    if copyable is None:
        first = _tee(it)
    else:
        first = it
    result = [first]
    for _ in range(n - 1):
        result.append(first.__copy__())
    return tuple(result)


class zip_longest:
    __slots__ = ('_its', '_fill', '_active')

    def __new__(cls, *iterables, fillvalue=None):
        self = object.__new__(cls)
        self._its = [iter(x) for x in iterables]
        self._fill = fillvalue
        self._active = len(self._its)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        its = self._its
        if not its or not self._active:
            raise StopIteration
        result = []
        for i, it in enumerate(its):
            if it is None:
                result.append(self._fill)
                continue
            try:
                v = next(it)
            except StopIteration:
                self._active -= 1
                if not self._active:
                    self._its = ()
                    raise
                its[i] = None
                v = self._fill
            result.append(v)
        return tuple(result)


class _combinatoric:
    __slots__ = ('_gen',)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


class product(_combinatoric):
    __slots__ = ()

    def __new__(cls, *iterables, repeat=1):
        repeat = _index(repeat)
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        pools = [tuple(p) for p in iterables] * repeat
        self = object.__new__(cls)
        self._gen = _product_gen(pools)
        return self


def _product_gen(pools):
    n = len(pools)
    for p in pools:
        if not p:
            return
    idx = [0] * n
    yield tuple(p[0] for p in pools)
    while True:
        i = n - 1
        while i >= 0:
            idx[i] += 1
            if idx[i] < len(pools[i]):
                break
            idx[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple(pools[j][idx[j]] for j in range(n))


class permutations(_combinatoric):
    __slots__ = ()

    def __new__(cls, iterable, r=None):
        pool = tuple(iterable)
        n = len(pool)
        if r is None:
            r = n
        else:
            r = _index(r)
            if r < 0:
                raise ValueError('r must be non-negative')
        self = object.__new__(cls)
        self._gen = _permutations_gen(pool, n, r)
        return self


def _permutations_gen(pool, n, r):
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


class combinations(_combinatoric):
    __slots__ = ()

    def __new__(cls, iterable, r):
        pool = tuple(iterable)
        r = _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self = object.__new__(cls)
        self._gen = _combinations_gen(pool, r)
        return self


def _combinations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


class combinations_with_replacement(_combinatoric):
    __slots__ = ()

    def __new__(cls, iterable, r):
        pool = tuple(iterable)
        r = _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self = object.__new__(cls)
        self._gen = _cwr_gen(pool, r)
        return self


def _cwr_gen(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)

