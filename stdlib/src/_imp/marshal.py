# Body of the native `marshal` module (see mod.rs): CPython's Python/marshal.c format for
# data values (None, bools, ints, floats, complex, str, bytes, tuples, lists, dicts, sets,
# Ellipsis, StopIteration). Code objects cannot be marshalled: Ladon's bytecode is its own.
# `dumps` writes no back-references (FLAG_REF), which CPython reads back all the same.

version = 5

_FLAG_REF = 0x80


def _w_long(out, x):
    out += (x & 0xFFFFFFFF).to_bytes(4, 'little')


def _dump(v, out, depth=0):
    if depth > 2000:
        raise ValueError("object too deeply nested to marshal")
    t = type(v)
    if v is None:
        out += b'N'
    elif v is False:
        out += b'F'
    elif v is True:
        out += b'T'
    elif v is Ellipsis:
        out += b'.'
    elif v is StopIteration:
        out += b'S'
    elif t is int:
        if -2**31 <= v < 2**31:
            out += b'i'
            _w_long(out, v)
        else:
            digits = []
            a = abs(v)
            while a:
                digits.append(a & 0x7FFF)
                a >>= 15
            out += b'l'
            _w_long(out, len(digits) if v > 0 else -len(digits))
            for d in digits:
                out += d.to_bytes(2, 'little')
    elif t is float:
        import _struct
        out += b'g' + _struct.pack('<d', v)
    elif t is complex:
        import _struct
        out += b'y' + _struct.pack('<dd', v.real, v.imag)
    elif t is str:
        data = v.encode('utf-8', 'surrogatepass')
        if v.isascii():
            if len(data) < 256:
                out += b'z' + bytes([len(data)]) + data
            else:
                out += b'a'
                _w_long(out, len(data))
                out += data
        else:
            out += b'u'
            _w_long(out, len(data))
            out += data
    elif t is bytes or t is bytearray or t is memoryview:
        data = bytes(v)
        out += b's'
        _w_long(out, len(data))
        out += data
    elif t is tuple:
        if len(v) < 256:
            out += b')' + bytes([len(v)])
        else:
            out += b'('
            _w_long(out, len(v))
        for x in v:
            _dump(x, out, depth + 1)
    elif t is list:
        out += b'['
        _w_long(out, len(v))
        for x in v:
            _dump(x, out, depth + 1)
    elif t is dict:
        out += b'{'
        for k, x in v.items():
            _dump(k, out, depth + 1)
            _dump(x, out, depth + 1)
        out += b'0'
    elif t is set or t is frozenset:
        out += b'<' if t is set else b'>'
        _w_long(out, len(v))
        for x in v:
            _dump(x, out, depth + 1)
    else:
        raise ValueError("unmarshallable object")


def dumps(value, version=version, /, *, allow_code=True):
    """Return the bytes object that would be written to a file by dump(value, file)."""
    out = bytearray()
    _dump(value, out)
    return bytes(out)


def dump(value, file, version=version, /, *, allow_code=True):
    """Write the value on the open file."""
    file.write(dumps(value, version))


class _Reader:
    def __init__(self, data):
        self.data = memoryview(data).tobytes() if not isinstance(data, bytes) else data
        self.pos = 0
        self.refs = []

    def take(self, n):
        if self.pos + n > len(self.data):
            raise EOFError("marshal data too short")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def long(self):
        return int.from_bytes(self.take(4), 'little', signed=True)

    def size(self):
        n = self.long()
        if n < 0:
            raise ValueError("bad marshal data (size out of range)")
        return n

    def obj(self, depth=0):
        if depth > 2000:
            raise ValueError("recursion limit exceeded")
        if self.pos >= len(self.data):
            raise EOFError("EOF read where object expected")
        code = self.data[self.pos]
        self.pos += 1
        flag = code & _FLAG_REF
        code = chr(code & ~_FLAG_REF)
        idx = None
        if flag:
            idx = len(self.refs)
            self.refs.append(None)
        v = self._value(code, depth)
        if idx is not None:
            self.refs[idx] = v
        return v

    def _value(self, code, depth):
        if code == 'N':
            return None
        if code == 'F':
            return False
        if code == 'T':
            return True
        if code == '.':
            return Ellipsis
        if code == 'S':
            return StopIteration
        if code == 'i':
            return self.long()
        if code == 'l':
            n = self.long()
            v = 0
            for i in range(abs(n)):
                d = int.from_bytes(self.take(2), 'little')
                if d > 0x7FFF:
                    raise ValueError("bad marshal data (digit out of range in long)")
                v |= d << (15 * i)
            return -v if n < 0 else v
        if code == 'g':
            import _struct
            return _struct.unpack('<d', self.take(8))[0]
        if code == 'y':
            import _struct
            re, im = _struct.unpack('<dd', self.take(16))
            return complex(re, im)
        if code == 's':
            return self.take(self.size())
        if code in 'uta':
            return self.take(self.size()).decode('utf-8' if code != 'a' else 'latin-1',
                                                 'surrogatepass')
        if code == 'A':
            return self.take(self.size()).decode('latin-1')
        if code in 'zZ':
            return self.take(self.take(1)[0]).decode('latin-1')
        if code == ')':
            return tuple(self.obj(depth + 1) for _ in range(self.take(1)[0]))
        if code == '(':
            return tuple(self.obj(depth + 1) for _ in range(self.size()))
        if code == '[':
            return [self.obj(depth + 1) for _ in range(self.size())]
        if code == '{':
            d = {}
            while True:
                if self.pos < len(self.data) and self.data[self.pos] == 0x30:
                    self.pos += 1
                    return d
                k = self.obj(depth + 1)
                d[k] = self.obj(depth + 1)
        if code in '<>':
            items = [self.obj(depth + 1) for _ in range(self.size())]
            return set(items) if code == '<' else frozenset(items)
        if code == 'r':
            i = self.long()
            if not 0 <= i < len(self.refs) or self.refs[i] is None:
                raise ValueError("bad marshal data (invalid reference)")
            return self.refs[i]
        if code == 'c':
            raise ValueError("bad marshal data (code objects are not supported by Ladon)")
        raise ValueError("bad marshal data (unknown type code)")


def loads(bytes, /, *, allow_code=True):
    """Convert the bytes-like object to a value."""
    return _Reader(bytes).obj()


def load(file, /, *, allow_code=True):
    """Read one value from the open file and return it."""
    data = file.read()
    r = _Reader(data)
    v = r.obj()
    if hasattr(file, 'seek'):
        try:
            file.seek(r.pos - len(data), 1)
        except Exception:
            pass
    return v
