# The structseq base class shared by Ladon's OS modules (posix, time, pwd, ...), after
# CPython's Objects/structseq.c: a tuple of the first n_sequence_fields values, with every
# field (visible or not) readable by name.

class _structseq(tuple):
    n_sequence_fields = 0
    n_fields = 0
    n_unnamed_fields = 0
    _visible = ()
    _hidden = ()
    _seq_names = ()

    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        n = len(seq)
        lo, hi = cls.n_sequence_fields, cls.n_fields
        name = cls._typename
        if n < lo:
            if lo == hi:
                raise TypeError(f"{name}() takes a {lo}-sequence ({n}-sequence given)")
            raise TypeError(f"{name}() takes an at least {lo}-sequence ({n}-sequence given)")
        if n > hi:
            if lo == hi:
                raise TypeError(f"{name}() takes a {lo}-sequence ({n}-sequence given)")
            raise TypeError(f"{name}() takes an at most {hi}-sequence ({n}-sequence given)")
        self = tuple.__new__(cls, seq[:lo])
        extra = {}
        for i, field in enumerate(cls._hidden):
            if lo + i < n:
                extra[field] = seq[lo + i]
            elif dict is not None and field in dict:
                extra[field] = dict[field]
            else:
                extra[field] = None
        tuple.__getattribute__(self, '__dict__').update(extra)
        return self

    def __repr__(self):
        parts = ', '.join(f'{n}={v!r}' for n, v in zip(self._seq_names, self))
        return f'{self._typename}({parts})'

    def __reduce__(self):
        return (type(self), (tuple(self), dict(tuple.__getattribute__(self, '__dict__'))))

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    def __replace__(self, **kwargs):
        vals = {n: getattr(self, n) for n in self._visible + self._hidden}
        for k, v in kwargs.items():
            if k not in vals:
                raise TypeError(f"{type(self).__name__}.__replace__() got an unexpected keyword argument '{k}'")
            vals[k] = v
        return type(self)(tuple(vals[n] for n in self._visible) + tuple(vals[n] for n in self._hidden))


def _make_structseq(typename, visible, hidden=(), unnamed=0, seq_names=None, doc=None):
    """A structseq class: `visible` fields are tuple items (the last `unnamed` of them are
    reachable only by index), `hidden` ones are attributes only."""
    module, _, name = typename.rpartition('.')
    ns = {
        '__module__': module or 'builtins',
        '__qualname__': name,
        '__doc__': doc,
        '_typename': typename,
        'n_sequence_fields': len(visible),
        'n_fields': len(visible) + len(hidden),
        'n_unnamed_fields': unnamed,
        '_visible': tuple(visible),
        '_hidden': tuple(hidden),
        '_seq_names': tuple(seq_names or visible),
        '__match_args__': tuple(visible[:len(visible) - unnamed]),
    }
    for i, field in enumerate(visible[:len(visible) - unnamed]):
        ns[field] = property(lambda self, i=i: tuple.__getitem__(self, i))
    return type(name, (_structseq,), ns)
