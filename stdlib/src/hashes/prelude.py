# The Python half of Ladon's builtin hash modules (see mod.rs): hash objects buffer their
# input in a bytearray; the native `_digest` hashes it. One of the `_make_*` functions runs
# in each module.


class _Hash:
    __slots__ = ('_buf', '_p')

    def update(self, obj, /):
        """Update this hash object's state with the provided string."""
        _update(self._buf, obj)

    def digest(self):
        """Return the digest value as a bytes object."""
        return _digest(self.name, self._buf, self._p, False)

    def hexdigest(self):
        """Return the digest value as a string of hexadecimal digits."""
        return _digest(self.name, self._buf, self._p, True)

    def copy(self):
        """Return a copy of the hash object."""
        c = object.__new__(type(self))
        c._buf = bytearray(self._buf)
        c._p = self._p
        return c


def _new(cls, data, string, p=None):
    if string is not None:
        if data is not _NODATA:
            raise TypeError("'data' and 'string' are mutually exclusive and support for "
                            "'string' keyword parameter is slated for removal in a future "
                            "version.")
        data = string
    h = object.__new__(cls)
    h._buf = bytearray()
    h._p = p
    if data is not _NODATA:
        _update(h._buf, data)
    return h


_NODATA = object()


def _type(tname, name, digest_size, block_size, base=_Hash):
    cls = type(tname, (base,), {'__slots__': (), 'name': name, 'digest_size': digest_size,
                                'block_size': block_size})
    return cls


def _ctor(cls, fname, doc):
    def ctor(data=_NODATA, *, usedforsecurity=True, string=None):
        return _new(cls, data, string)
    ctor.__name__ = ctor.__qualname__ = fname
    ctor.__doc__ = doc
    return ctor


def _make_md5():
    global MD5Type, md5
    MD5Type = _type('md5', 'md5', 16, 64)
    md5 = _ctor(MD5Type, 'md5', 'Return a new MD5 hash object; optionally initialized with a string.')


def _make_sha1():
    global SHA1Type, sha1
    SHA1Type = _type('sha1', 'sha1', 20, 64)
    sha1 = _ctor(SHA1Type, 'sha1', 'Return a new SHA1 hash object; optionally initialized with a string.')


def _make_sha2():
    global SHA224Type, SHA256Type, SHA384Type, SHA512Type, sha224, sha256, sha384, sha512
    SHA224Type = _type('SHA224Type', 'sha224', 28, 64)
    SHA256Type = _type('SHA256Type', 'sha256', 32, 64)
    SHA384Type = _type('SHA384Type', 'sha384', 48, 128)
    SHA512Type = _type('SHA512Type', 'sha512', 64, 128)
    sha224 = _ctor(SHA224Type, 'sha224', 'Return a new SHA-224 hash object; optionally initialized with a string.')
    sha256 = _ctor(SHA256Type, 'sha256', 'Return a new SHA-256 hash object; optionally initialized with a string.')
    sha384 = _ctor(SHA384Type, 'sha384', 'Return a new SHA-384 hash object; optionally initialized with a string.')
    sha512 = _ctor(SHA512Type, 'sha512', 'Return a new SHA-512 hash object; optionally initialized with a string.')


class _Sha3(_Hash):
    __slots__ = ()

    def __new__(cls, data=_NODATA, /, *, usedforsecurity=True, string=None):
        return _new(cls, data, string)


class _Shake(_Sha3):
    __slots__ = ()
    digest_size = 0

    def digest(self, length):
        """Return the digest value as a bytes object."""
        return _digest(self.name, self._buf, length, False)

    def hexdigest(self, length):
        """Return the digest value as a string of hexadecimal digits."""
        return _digest(self.name, self._buf, length, True)


def _make_sha3():
    global sha3_224, sha3_256, sha3_384, sha3_512, shake_128, shake_256, implementation
    sha3_224 = _type('sha3_224', 'sha3_224', 28, 144, _Sha3)
    sha3_256 = _type('sha3_256', 'sha3_256', 32, 136, _Sha3)
    sha3_384 = _type('sha3_384', 'sha3_384', 48, 104, _Sha3)
    sha3_512 = _type('sha3_512', 'sha3_512', 64, 72, _Sha3)
    shake_128 = _type('shake_128', 'shake_128', 0, 168, _Shake)
    shake_256 = _type('shake_256', 'shake_256', 0, 136, _Shake)
    implementation = 'ladon'


class _Blake2(_Hash):
    __slots__ = ()

    def __new__(cls, data=_NODATA, /, *, digest_size=None, key=b'', salt=b'', person=b'',
                fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0, inner_size=0,
                last_node=False, usedforsecurity=True, string=None):
        big = cls.name == 'blake2b'
        maxd = 64 if big else 32
        maxs = 16 if big else 8
        kind = 'Blake2b' if big else 'Blake2s'
        if digest_size is None:
            digest_size = maxd
        if not 1 <= digest_size <= maxd:
            raise ValueError('digest_size for %s must be between 1 and %d bytes, here it is %d'
                             % (kind, maxd, digest_size))
        key, salt, person = bytes(key), bytes(salt), bytes(person)
        if len(key) > maxd:
            raise ValueError('maximum key length is %d bytes' % maxd)
        if len(salt) > maxs:
            raise ValueError('maximum salt length is %d bytes' % maxs)
        if len(person) > maxs:
            raise ValueError('maximum person length is %d bytes' % maxs)
        if not 0 <= fanout <= 255:
            raise ValueError('fanout must be between 0 and 255')
        if not 1 <= depth <= 255:
            raise ValueError('depth must be between 1 and 255')
        if not 0 <= leaf_size < 1 << 32:
            raise OverflowError('leaf_size is too large')
        if not 0 <= node_offset < (1 << (64 if big else 48)):
            raise OverflowError('node_offset is too large')
        if not 0 <= node_depth <= 255:
            raise ValueError('node_depth must be between 0 and 255')
        if not 0 <= inner_size <= maxd:
            raise ValueError('inner_size must be between 0 and is %d' % maxd)
        p = (digest_size, key, salt, person, fanout, depth, leaf_size, node_offset,
             node_depth, inner_size, bool(last_node))
        return _new(cls, data, string, p)

    @property
    def digest_size(self):
        return self._p[0]


def _make_blake2():
    global blake2b, blake2s
    global BLAKE2B_MAX_DIGEST_SIZE, BLAKE2B_MAX_KEY_SIZE, BLAKE2B_PERSON_SIZE, BLAKE2B_SALT_SIZE
    global BLAKE2S_MAX_DIGEST_SIZE, BLAKE2S_MAX_KEY_SIZE, BLAKE2S_PERSON_SIZE, BLAKE2S_SALT_SIZE
    blake2b = type('blake2b', (_Blake2,), {'__slots__': (), 'name': 'blake2b', 'block_size': 128,
                                           'SALT_SIZE': 16, 'PERSON_SIZE': 16,
                                           'MAX_KEY_SIZE': 64, 'MAX_DIGEST_SIZE': 64})
    blake2s = type('blake2s', (_Blake2,), {'__slots__': (), 'name': 'blake2s', 'block_size': 64,
                                           'SALT_SIZE': 8, 'PERSON_SIZE': 8,
                                           'MAX_KEY_SIZE': 32, 'MAX_DIGEST_SIZE': 32})
    BLAKE2B_MAX_DIGEST_SIZE = BLAKE2B_MAX_KEY_SIZE = 64
    BLAKE2B_PERSON_SIZE = BLAKE2B_SALT_SIZE = 16
    BLAKE2S_MAX_DIGEST_SIZE = BLAKE2S_MAX_KEY_SIZE = 32
    BLAKE2S_PERSON_SIZE = BLAKE2S_SALT_SIZE = 8
