# The Python half of Ladon's _sre: Pattern, Match, SRE_Scanner and SRE_Template over the
# native matcher `_run` (see mod.rs). Semantics follow CPython's Modules/_sre/sre.c.

_MAXSIZE = (1 << 63) - 1
_FLAG_NAMES = (
    (2, 're.IGNORECASE'), (4, 're.LOCALE'), (8, 're.MULTILINE'), (16, 're.DOTALL'),
    (32, 're.UNICODE'), (64, 're.VERBOSE'), (128, 're.DEBUG'), (256, 're.ASCII'),
)
try:
    _mappingproxy = type(type.__dict__)
    _mappingproxy({})
except Exception:
    _mappingproxy = dict


def _generic_alias(cls, item):
    import types
    return types.GenericAlias(cls, item)


class Pattern:
    """Compiled regular expression object."""

    __slots__ = ('pattern', 'flags', 'groups', '_groupindex', '_indexgroup', '_code',
                 '_codelist', '_isbytes', '__weakref__')

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 're.Pattern' instances")

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 're.Pattern' is not an acceptable base type")

    @property
    def groupindex(self):
        """A dictionary mapping group names to group numbers."""
        return _mappingproxy(self._groupindex)

    def _run(self, string, pos, endpos, mode, adv=False):
        r = _run(self._code, string, pos, endpos, mode, adv, self._isbytes)
        if r is None:
            return None
        return Match._new(self, string, r)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        """Matches zero or more characters at the beginning of the string."""
        return self._run(string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        """Matches against all of the string."""
        return self._run(string, pos, endpos, 1)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        """Scan through string looking for a match, and return a corresponding match object instance.

Return None if no position in the string matches."""
        return self._run(string, pos, endpos, 2)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        """Return a list of all non-overlapping matches of pattern in string."""
        return _findall(self._code, string, pos, endpos, self._isbytes, self.groups)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        """Return an iterator over all non-overlapping matches for the RE pattern in string.

For each match, the iterator returns a match object."""
        return iter(self.scanner(string, pos, endpos).search, None)

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        return SRE_Scanner(self, string, pos, endpos)

    def split(self, string, maxsplit=0):
        """Split string by the occurrences of pattern."""
        return _split(self._code, string, maxsplit, self._isbytes, self.groups)

    def _subx(self, repl, string, count, subn):
        if callable(repl):
            filt, literal = repl, None
        else:
            isstr = isinstance(repl, str)
            if (isstr or isinstance(repl, (bytes, bytearray))) and (
                    ('\\' if isstr else b'\\') not in repl):
                filt, literal = None, repl
            else:
                import re
                t = re._compile_template(self, repl)
                if len(t._items) == 1:
                    filt, literal = None, t._items[0]
                else:
                    filt, literal = t.expand, None
        if count < 0:
            return (string, 0) if subn else string
        out = []
        n = i = 0
        for r in _sub_spans(self._code, string, count, self._isbytes):
            b, e = r[0], r[1]
            if i < b:
                out.append(string[i:b])
            if filt is not None:
                item = filt(Match._new(self, string, r))
                if item is not None:
                    out.append(item)
            elif literal:
                out.append(literal)
            i = e
            n += 1
        if i < len(string):
            out.append(string[i:])
        empty = b'' if self._isbytes else ''
        res = empty.join(out)
        return (res, n) if subn else res

    def sub(self, repl, string, count=0):
        """Return the string obtained by replacing the leftmost non-overlapping occurrences of pattern in string by the replacement repl."""
        return self._subx(repl, string, count, False)

    def subn(self, repl, string, count=0):
        """Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost non-overlapping occurrences of pattern with the replacement repl."""
        return self._subx(repl, string, count, True)

    def __repr__(self):
        flags = self.flags
        if not self._isbytes and (flags & (4 | 32 | 256)) == 32:
            flags &= ~32
        r = repr(self.pattern)[:200]
        if not flags:
            return 're.compile(%s)' % r
        names = []
        for bit, name in _FLAG_NAMES:
            if flags & bit:
                names.append(name)
                flags &= ~bit
        if flags:
            names.append('0x%x' % flags)
        return 're.compile(%s, %s)' % (r, '|'.join(names))

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return (self is other or (self.flags == other.flags and self._isbytes == other._isbytes
                and self.pattern == other.pattern and self._code == other._code))

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        return hash((self.pattern, self.flags, self._code))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        import re
        return (re._compile, (self.pattern, self.flags))

    __class_getitem__ = classmethod(_generic_alias)


Pattern.__module__ = 're'
Pattern.__qualname__ = Pattern.__name__ = 'Pattern'


class Match:
    """The result of re.match() and re.search().
Match objects always have a boolean value of True."""

    __slots__ = ('re', 'string', 'pos', 'endpos', 'lastindex', '_spans')

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 're.Match' instances")

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 're.Match' is not an acceptable base type")

    @staticmethod
    def _new(pattern, string, r):
        m = object.__new__(Match)
        m.re = pattern
        m.string = string
        m.pos = r[4]
        m.endpos = r[5]
        li = r[2]
        m.lastindex = li if li >= 0 else None
        marks = r[3]
        spans = [(r[0], r[1])]
        nm = len(marks)
        for i in range(pattern.groups):
            j = 2 * i
            if j + 1 < nm and marks[j] >= 0 and marks[j + 1] >= 0:
                spans.append((marks[j], marks[j + 1]))
            else:
                spans.append((-1, -1))
        m._spans = spans
        return m

    def _index(self, g):
        if isinstance(g, int):
            i = g
        else:
            try:
                i = g.__index__()
            except AttributeError:
                i = -1
                if isinstance(g, (str, bytes)):
                    try:
                        i = self.re._groupindex[g]
                    except (KeyError, TypeError):
                        i = -1
        if i < 0 or i > self.re.groups:
            raise IndexError('no such group')
        return i

    def _get(self, i, default=None):
        s, e = self._spans[i]
        if s < 0:
            return default
        return self.string[s:e]

    def group(self, *args):
        """group([group1, ...]) -> str or tuple.
    Return subgroup(s) of the match by indices or names.
    For 0 returns the entire match."""
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(self._index(args[0]))
        return tuple(self._get(self._index(a)) for a in args)

    def __getitem__(self, g):
        return self._get(self._index(g))

    def groups(self, default=None):
        """Return a tuple containing all the subgroups of the match, from 1."""
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        """Return a dictionary containing all the named subgroups of the match, keyed by the subgroup name."""
        return {k: self._get(self._index(k), default) for k in self.re._groupindex}

    def start(self, group=0, /):
        """Return index of the start of the substring matched by group."""
        return self._spans[self._index(group)][0]

    def end(self, group=0, /):
        """Return index of the end of the substring matched by group."""
        return self._spans[self._index(group)][1]

    def span(self, group=0, /):
        """For match object m, return the 2-tuple (m.start(group), m.end(group))."""
        return self._spans[self._index(group)]

    @property
    def regs(self):
        return tuple(self._spans)

    @property
    def lastgroup(self):
        """The name of the last matched capturing group."""
        li = self.lastindex
        ig = self.re._indexgroup
        if li is None or ig is None or li >= len(ig):
            return None
        return ig[li]

    def expand(self, template):
        """Return the string obtained by doing backslash substitution on the string template, as done by the sub() method."""
        import re
        return re._compile_template(self.re, template).expand(self)

    def __repr__(self):
        return '<re.Match object; span=(%d, %d), match=%s>' % (
            self._spans[0][0], self._spans[0][1], repr(self._get(0))[:50])

    def __bool__(self):
        return True

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    __class_getitem__ = classmethod(_generic_alias)


Match.__module__ = 're'
Match.__qualname__ = Match.__name__ = 'Match'


class SRE_Scanner:
    __slots__ = ('pattern', '_string', '_pos', '_endpos', '_adv', '_done')

    def __init__(self, pattern, string, pos=0, endpos=_MAXSIZE):
        self.pattern = pattern
        self._string = string
        self._pos = pos
        self._endpos = endpos
        self._adv = False
        self._done = False

    def _step(self, mode):
        if self._done:
            return None
        p = self.pattern
        r = _run(p._code, self._string, self._pos, self._endpos, mode, self._adv, p._isbytes)
        if r is None:
            self._done = True
            return None
        self._adv = r[1] == r[0]
        self._pos = r[1]
        return Match._new(p, self._string, r)

    def match(self):
        return self._step(0)

    def search(self):
        return self._step(2)


class SRE_Template:
    __slots__ = ('_items',)

    def expand(self, match):
        out = []
        for it in self._items:
            if isinstance(it, int):
                v = match.group(it)
                if v is not None:
                    out.append(v)
            elif it:
                out.append(it)
        empty = b'' if match.re._isbytes else ''
        return empty.join(out)


def template(pattern, template):
    """template: A list containing interleaved literal strings (str or bytes) and group indices (int), as returned by re._parser.parse_template()."""
    t = object.__new__(SRE_Template)
    items = list(template)
    for i, it in enumerate(items):
        if i % 2 and (not isinstance(it, int) or it < 0):
            raise TypeError('invalid template')
    t._items = items
    return t


def compile(pattern, flags, code, groups, groupindex, indexgroup):
    p = object.__new__(Pattern)
    p.pattern = pattern
    p.flags = flags
    p.groups = groups
    p._groupindex = dict(groupindex)
    p._indexgroup = tuple(indexgroup) if indexgroup is not None else None
    p._codelist = code
    p._code = _pack(code)
    p._isbytes = isinstance(pattern, (bytes, bytearray))
    return p
