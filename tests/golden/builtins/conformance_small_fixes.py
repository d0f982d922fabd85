# Small CPython behaviours found by Lib/test: tuple identity on *1 and +(), the frozenset
# hash algorithm, reversible dict views, and the Python-level buffer protocol (PEP 688).
from collections.abc import Buffer, Reversible

t = (1, 2)
print(t * 1 is t, 1 * t is t, t + () is t, () + t is t)


class T(tuple):
    pass


s = T((1,))
print(type(s * 1).__name__, s * 1 is s)

print(hash(frozenset()), hash(frozenset([1, 2, 3])), hash(frozenset(range(100))))
print(hash(frozenset([frozenset([1]), frozenset([2, 3])])))

d = {1: 'a', 3: 'b', 2: 'c'}
print(issubclass(type(d.keys()), Reversible), issubclass(type(d.items()), Reversible))
print(list(d.keys().__reversed__()), list(reversed(d.values())), list(reversed(d.items())))


class B:
    def __buffer__(self, flags):
        print('flags', flags)
        return memoryview(b'abc')


m = memoryview(B())
print(m.tobytes(), m.readonly)
print(issubclass(B, Buffer), isinstance(b'', Buffer), issubclass(bytearray, Buffer),
      issubclass(memoryview, Buffer), issubclass(str, Buffer))
print(b'ab'.__buffer__(0).tobytes(), bytearray(b'x').__buffer__(0).tobytes())


class C:
    def __buffer__(self, flags):
        return 5


try:
    memoryview(C())
except TypeError as e:
    print(e)
try:
    b'ab'.__buffer__('x')
except TypeError as e:
    print(e)
ba = bytearray(b'12')
v = ba.__buffer__(0)
try:
    ba.append(1)
except BufferError as e:
    print(e)
ba.__release_buffer__(v)
ba.append(51)
print(ba, v.obj if False else 'released')
