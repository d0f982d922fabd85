# array: pickling (every protocol), __reduce_ex__ and _array_reconstructor.
import array
import pickle

for tc, init in [('b', [1, -2]), ('H', [65535]), ('q', [-2**63]), ('d', [0.5, -1e300]),
                 ('f', [1.5]), ('w', 'xyz'), ('L', [])]:
    a = array.array(tc, init)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        b = pickle.loads(pickle.dumps(a, proto))
        assert a == b and type(b) is array.array and b.typecode == tc, (tc, proto)
    print(tc, a.__reduce_ex__(2), a.__reduce_ex__(4)[1][1:])

class Sub(array.array):
    pass
s = Sub('i', [1, 2])
s.note = 'kept'
t = pickle.loads(pickle.dumps(s))
print(type(t).__name__, t, t.note, s.__reduce_ex__(4)[2])
print(array.array('i').__reduce_ex__(3)[0] is array._array_reconstructor)

rec = array._array_reconstructor
print(rec(array.array, 'h', 5, b'\x00\x01\xff\xfe'))
print(rec(array.array, 'i', 3, b'\x80\x00\x7f\xff'))
print(rec(array.array, 'd', 17, b'\x3f\xf0\x00\x00\x00\x00\x00\x00'))
print(rec(array.array, 'w', 19, 'hé'.encode('utf-16-be')))
for args in [('', 'b', 0, b''), (str, 'b', 0, b''), (array.array, 'b', '', b''),
             (array.array, 'b', 0, ''), (array.array, '?', 0, b''), (array.array, 'b', -1, b''),
             (array.array, 'b', 22, b''), (array.array, 'd', 16, b'a')]:
    try:
        print(rec(*args))
    except Exception as e:
        print(type(e).__name__, e)
it = iter(array.array('i', [1, 2, 3]))
next(it)
print(it.__reduce__()[1:])
it2 = pickle.loads(pickle.dumps(it))
print(list(it2))
it.__setstate__(10)
print(list(it), it.__reduce__()[1:])
