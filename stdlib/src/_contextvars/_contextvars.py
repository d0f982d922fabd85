# Body of Ladon's `_contextvars` (run by stdlib/src/_contextvars/mod.rs in the module's
# namespace). Behaviour and messages follow CPython 3.14's Python/context.c.
#
# A Context's mapping is a dict that is never mutated once shared: `ContextVar.set` replaces
# the current context's dict by a copy (copy-on-write instead of CPython's HAMT), so
# `copy_context()` is O(1) and a copy never sees later sets. The current context is
# per thread (a `_thread._local`).
"""Context Variables"""

from _thread import _local

_state = _local()
_MISSING = object()


def _current():
    ctx = getattr(_state, 'ctx', None)
    if ctx is None:
        ctx = Context()
        _state.ctx = ctx
    return ctx


class Context:
    __slots__ = ('_vars', '_prev', '_entered', '__weakref__')

    def __new__(cls, *args, **kwargs):
        if args or kwargs:
            raise TypeError('Context() does not accept any arguments')
        self = object.__new__(cls)
        self._vars = {}
        self._prev = None
        self._entered = False
        return self

    def __init_subclass__(cls, **kw):
        raise TypeError("type '_contextvars.Context' is not an acceptable base type")

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(f'cannot enter context: {self!r} is already entered')
        self._prev = getattr(_state, 'ctx', None)
        self._entered = True
        _state.ctx = self
        try:
            return callable(*args, **kwargs)
        finally:
            _state.ctx = self._prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = object.__new__(Context)
        new._vars = self._vars
        new._prev = None
        new._entered = False
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._vars[var]

    def get(self, key, default=None, /):
        if not isinstance(key, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {key!r}")
        return self._vars.get(key, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return var in self._vars

    def __len__(self):
        return len(self._vars)

    def __iter__(self):
        return iter(self._vars)

    def keys(self):
        return self._vars.keys()

    def values(self):
        return self._vars.values()

    def items(self):
        return self._vars.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._vars == other._vars

    __hash__ = None


class ContextVar:
    __slots__ = ('_name', '_default', '__weakref__')

    def __new__(cls, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self = object.__new__(cls)
        self._name = name
        self._default = default
        return self

    def __init_subclass__(cls, **kw):
        raise TypeError("type '_contextvars.ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, default=_MISSING, /):
        ctx = getattr(_state, 'ctx', None)
        if ctx is not None:
            v = ctx._vars.get(self, _MISSING)
            if v is not _MISSING:
                return v
        if default is not _MISSING:
            return default
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value, /):
        ctx = _current()
        old_vars = ctx._vars
        old = old_vars.get(self, _MISSING)
        new_vars = dict(old_vars)
        new_vars[self] = value
        ctx._vars = new_vars
        return Token(ctx, self, Token.MISSING if old is _MISSING else old)

    def reset(self, token, /):
        if not isinstance(token, Token):
            raise TypeError(f'expected an instance of Token, got {token!r}')
        if token._used:
            raise RuntimeError(f'{token!r} has already been used once')
        if token._var is not self:
            raise ValueError(f'{token!r} was created by a different ContextVar')
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError(f'{token!r} was created in a different Context')
        token._used = True
        new_vars = dict(ctx._vars)
        if token._old is Token.MISSING:
            new_vars.pop(self, None)
        else:
            new_vars[self] = token._old
        ctx._vars = new_vars

    def __repr__(self):
        r = f'<ContextVar name={self._name!r}'
        if self._default is not _MISSING:
            r += f' default={self._default!r}'
        return r + f' at 0x{id(self):x}>'

    def __hash__(self):
        return object.__hash__(self)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class _TokenMissing:
    __slots__ = ()

    def __repr__(self):
        return '<Token.MISSING>'


class Token:
    __slots__ = ('_ctx', '_var', '_old', '_used')

    MISSING = object.__new__(_TokenMissing)

    def __new__(cls, *args, **kwargs):
        if len(args) != 3 or kwargs:
            raise RuntimeError('Tokens can only be created by ContextVars')
        self = object.__new__(cls)
        self._ctx, self._var, self._old = args
        self._used = False
        return self

    def __init_subclass__(cls, **kw):
        raise TypeError("type '_contextvars.Token' is not an acceptable base type")

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._var.reset(self)

    def __repr__(self):
        used = ' used' if self._used else ''
        return f'<Token{used} var={self._var!r} at 0x{id(self):x}>'

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


def copy_context():
    return _current().copy()


for _c in (Context, ContextVar, Token):
    _c.__module__ = '_contextvars'
del _c
