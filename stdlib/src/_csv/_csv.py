# The body of the `_csv` module (CPython's Modules/_csv.c): dialects, the dialect registry,
# reader and writer. Run by mod.rs in the module's namespace, after the Rust helpers
# (`_scan_line`) are installed. The reader's per-character state machine is `_scan_line`
# (Rust); everything around it (iteration, fields, errors) is here.

__version__ = "1.0"
__doc__ = "CSV parsing and writing.\n"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE, QUOTE_STRINGS, QUOTE_NOTNULL = range(6)

_dialects = {}
_field_limit = 128 * 1024


class Error(Exception):
    pass


Error.__module__ = "_csv"


def _char(name, value, allow_none):
    if value is None:
        if allow_none:
            return None
        raise TypeError(f'"{name}" must be a unicode character, not NoneType')
    if not isinstance(value, str):
        what = "or None, " if allow_none else ""
        raise TypeError(f'"{name}" must be a unicode character {what}not {type(value).__name__}')
    if len(value) != 1:
        what = " or None" if allow_none else ""
        raise TypeError(f'"{name}" must be a unicode character{what}, not a string of length {len(value)}')
    return value


class Dialect:
    """CSV dialect

The Dialect type records CSV parsing and generation options.
"""

    __slots__ = ("_delimiter", "_doublequote", "_escapechar", "_lineterminator",
                 "_quotechar", "_quoting", "_skipinitialspace", "_strict")

    def __new__(cls, dialect=None, **kwargs):
        for k in kwargs:
            if k not in ("delimiter", "doublequote", "escapechar", "lineterminator",
                         "quotechar", "quoting", "skipinitialspace", "strict"):
                raise TypeError(f"'{k}' is an invalid keyword argument for Dialect()")
        if dialect is not None:
            if isinstance(dialect, str):
                dialect = get_dialect(dialect)
            if type(dialect) is Dialect and not kwargs and cls is Dialect:
                return dialect
        self = object.__new__(cls)

        def get(name, default):
            if name in kwargs:
                return kwargs[name]
            if dialect is not None:
                return getattr(dialect, name, default)
            return default

        self._delimiter = _char("delimiter", get("delimiter", ","), False)
        self._doublequote = bool(get("doublequote", True))
        self._escapechar = _char("escapechar", get("escapechar", None), True)
        term = get("lineterminator", "\r\n")
        if not isinstance(term, str):
            raise TypeError(f'"lineterminator" must be a string, not {type(term).__name__}')
        self._lineterminator = term
        quoting = get("quoting", QUOTE_MINIMAL)
        if type(quoting) is not int and not isinstance(quoting, int):
            raise TypeError('"quoting" must be an integer')
        if quoting not in range(6):
            raise TypeError('bad "quoting" value')
        self._quoting = quoting
        quotechar = get("quotechar", '"')
        if quotechar is None and "quotechar" not in kwargs and dialect is None:
            quotechar = '"'
        self._quotechar = _char("quotechar", quotechar, True)
        self._skipinitialspace = bool(get("skipinitialspace", False))
        self._strict = bool(get("strict", False))
        if self._quotechar is None and quoting != QUOTE_NONE:
            raise TypeError("quotechar must be set if quoting enabled")
        if self._delimiter in ("\n", "\r"):
            raise ValueError("bad delimiter value")
        if self._delimiter == " " and self._skipinitialspace:
            raise ValueError("bad delimiter or skipinitialspace value")
        for name in ("quotechar", "escapechar"):
            c = getattr(self, "_" + name)
            if c in ("\n", "\r"):
                raise ValueError(f"bad {name} value")
            if c is not None and c == self._delimiter:
                raise ValueError(f"bad delimiter or {name} value")
            if c == " " and self._skipinitialspace:
                raise ValueError(f"bad {name} or skipinitialspace value")
        if self._escapechar is not None and self._escapechar == self._quotechar:
            raise ValueError("bad escapechar or quotechar value")
        for c in self._lineterminator:
            if c in (self._delimiter, self._quotechar, self._escapechar):
                raise ValueError("bad delimiter or lineterminator value" if c == self._delimiter
                                 else ("bad quotechar or lineterminator value" if c == self._quotechar
                                       else "bad escapechar or lineterminator value"))
        return self

    delimiter = property(lambda self: self._delimiter)
    doublequote = property(lambda self: self._doublequote)
    escapechar = property(lambda self: self._escapechar)
    lineterminator = property(lambda self: self._lineterminator)
    quotechar = property(lambda self: self._quotechar)
    quoting = property(lambda self: self._quoting)
    skipinitialspace = property(lambda self: self._skipinitialspace)
    strict = property(lambda self: self._strict)

    def __reduce_ex__(self, protocol):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")


Dialect.__module__ = "_csv"


def register_dialect(name, dialect=None, **kwargs):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _dialects[name] = Dialect(dialect, **kwargs)


def unregister_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects():
    return list(_dialects)


def field_size_limit(*args, **kwargs):
    global _field_limit
    if kwargs:
        if list(kwargs) != ["new_limit"] or args:
            raise TypeError("field_size_limit() got an unexpected keyword argument")
        args = (kwargs["new_limit"],)
    if len(args) > 1:
        raise TypeError(f"field_size_limit expected at most 1 argument, got {len(args)}")
    old = _field_limit
    if args:
        if not isinstance(args[0], int):
            raise TypeError("limit must be an integer")
        _field_limit = args[0]
    return old


class Reader:
    """CSV reader

Reader objects are responsible for reading and parsing tabular data
in CSV format.
"""

    def __init__(self, f, dialect, kwargs):
        self._it = iter(f)
        self.dialect = d = Dialect(dialect, **kwargs)
        self.line_num = 0
        self._params = (d.delimiter, d.quotechar, d.escapechar, d.doublequote,
                        d.skipinitialspace, d.strict, d.quoting)

    def __iter__(self):
        return self

    def __next__(self):
        fields = []
        partial = ""
        state = 0  # START_RECORD
        unquoted = True
        while True:
            try:
                line = next(self._it)
            except StopIteration:
                if partial or state == 4:  # IN_QUOTED_FIELD
                    if self.dialect.strict:
                        raise Error("unexpected end of data") from None
                    _save_field(self._params, partial, unquoted, fields)
                    break
                raise
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %.200s "
                            "(the file should be opened in text mode)" % type(line).__name__)
            self.line_num += 1
            state, unquoted, partial = _scan_line(line, self._params, state, unquoted, partial,
                                                  fields, _field_limit, Error)
            if state == 0:
                break
        return fields


Reader.__name__ = Reader.__qualname__ = "reader"
Reader.__module__ = "_csv"


def reader(csvfile, dialect="excel", **fmtparams):
    return Reader(csvfile, dialect, fmtparams)


class Writer:
    """CSV writer

Writer objects are responsible for generating tabular data
in CSV format from sequence input.
"""

    def __init__(self, f, dialect, kwargs):
        try:
            self._write = f.write
        except AttributeError:
            raise TypeError('argument 1 must have a "write" method') from None
        self.dialect = Dialect(dialect, **kwargs)

    def writerow(self, row):
        d = self.dialect
        try:
            items = iter(row)
        except TypeError:
            raise Error("iterable expected, not %.200s" % type(row).__name__) from None
        q = d.quoting
        out = []
        n = 0
        for field in items:
            if q == QUOTE_NONNUMERIC:
                t = type(field)
                quoted = not (hasattr(t, "__index__") or hasattr(t, "__float__")
                              or hasattr(t, "__int__") or hasattr(t, "__complex__"))
            elif q == QUOTE_ALL:
                quoted = True
            elif q == QUOTE_STRINGS:
                quoted = isinstance(field, str)
            elif q == QUOTE_NOTNULL:
                quoted = field is not None
            else:
                quoted = False
            if field is None:
                s = ""
            elif isinstance(field, str):
                s = field
            else:
                s = str(field)
            out.append(_join_field(d, s, quoted, n == 0))
            n += 1
        if n == 1 and out[0] == "":
            if q == QUOTE_NONE:
                raise Error("single empty field record must be quoted")
            out[0] = d.quotechar * 2
        return self._write(d.delimiter.join(out) + d.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


Writer.__name__ = Writer.__qualname__ = "writer"
Writer.__module__ = "_csv"


def writer(fileobj, dialect="excel", **fmtparams):
    return Writer(fileobj, dialect, fmtparams)


def _join_field(d, s, quoted, first):
    return _quote_field(s, d.delimiter, d.quotechar, d.escapechar, d.doublequote, d.quoting,
                        d.lineterminator, quoted, first, Error)
