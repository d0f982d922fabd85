# array: construction, typecodes, repr, item access and iteration.
import array

print(array.typecodes)
print(array.ArrayType is array.array)
for tc in 'bBhHiIlLqQfd':
    a = array.array(tc, [1, 2, 3])
    print(tc, a.typecode, a.itemsize, len(a), a, a.tolist(), list(a), a[0], a[-1])
w = array.array('w', 'héllo')
print(w, w.tounicode(), w[1], len(w), w.itemsize)
print(array.array('d'), repr(array.array('b')))
print(array.array('f', [0.1])[0], array.array('d', [0.1])[0])
print(array.array('b', b'\x01\xff'), array.array('h', bytearray(b'\x01\x00\x02\x00')))
print(array.array('i', range(5)), array.array('d', (x / 2 for x in range(3))))
print(array.array('l', array.array('b', [4, 5])), array.array('d', array.array('i', [7])))
print(array.array('Q', [2**64 - 1]), array.array('q', [-2**63]))
for args in [(), ('x',), ('bb',), (1,), ('b', 1), ('b', 'ab'), ('h', b'abc'),
             ('b', [1], 2), ('b', array.array('w', 'a')), ('b', [1, 'x'])]:
    try:
        print(args, array.array(*args))
    except Exception as e:
        print(args, type(e).__name__, e)
try:
    array.array('b', typecode='b')
except TypeError as e:
    print(e)
a = array.array('i', [10, 20, 30])
for k in [3, -4, 1.0, 'x']:
    try:
        print(a[k])
    except Exception as e:
        print(type(e).__name__, e)
it = iter(a)
print(type(it).__name__, next(it), list(it), list(it))
print(array.array[int], array.array.__class_getitem__(str))
class Sub(array.array):
    pass
s = Sub('b', [1, 2])
print(s, type(s).__name__, isinstance(s, array.array), type(s[:]).__name__)
import collections.abc
print(isinstance(a, collections.abc.MutableSequence), isinstance(a, collections.abc.Reversible))
try:
    hash(a)
except TypeError as e:
    print(e)
