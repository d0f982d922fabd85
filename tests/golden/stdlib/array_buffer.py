# array: the buffer protocol (memoryview, bytes(), bytes-like arguments, BufferError).
import array

a = array.array('i', [1, 2, 3])
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, m.shape, m.tolist(), m[1], len(m), m.readonly)
m[0] = 100
print(a)
print(bytes(a) == a.tobytes(), bytes(a)[:4], bytearray(array.array('B', [65, 66])))
try:
    a.append(4)
except BufferError as e:
    print('BufferError', e)
try:
    a.pop()
except BufferError as e:
    print('BufferError', e)
a[1] = 20
print(m.tolist())
m.release()
a.append(4)
print(a)
with memoryview(array.array('d', [1.5, 2.5])) as dm:
    print(dm.format, dm.tolist(), dm.cast('B').nbytes)
print(memoryview(array.array('w', 'ab')).format)
print(b'-'.join([array.array('B', [104, 105]), b'x']))
print(bytes(array.array('h', [1, -1])), array.array('b', array.array('B', [1, 2]).tobytes()))
import struct
print(struct.unpack('2h', array.array('h', [7, -7])))
b = array.array('B', b'abc')
mb = memoryview(b)
mb[1:3] = b'XY'
print(b.tobytes(), bytes(mb[::2]))
del mb
b.append(0)
print(b)
