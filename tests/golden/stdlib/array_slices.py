# array: slicing, slice assignment, extended slices and deletion.
import array

a = array.array('i', range(10))
print(a[2:5], a[::2], a[::-1], a[-3:], a[5:2], a[1:8:3], type(a[:]).__name__)
b = array.array('i', range(10))
b[2:5] = array.array('i', [70, 80])
print(b)
b[:0] = array.array('i', [-1, -2])
print(b)
b[len(b):] = array.array('i', [99])
print(b)
b[::2] = array.array('i', [0] * len(b[::2]))
print(b)
b[1:3] = b
print(b)
del b[::3]
print(b)
del b[2:4]
print(b)
del b[0]
del b[-1]
print(b)
for stmt in ['b[::2] = array.array("i", [1])', 'b[1:2] = [1]', 'b[1:2] = array.array("h", [1])',
             'b[100] = 1', 'del b[100]', 'b["x"] = 1', 'b[1:2] = 5']:
    try:
        exec(stmt)
        print(stmt, 'ok', b)
    except Exception as e:
        print(stmt, type(e).__name__, e)
c = array.array('d', [1.5, 2.5, 3.5, 4.5])
c[::-1] = array.array('d', [9.0, 8.0, 7.0, 6.0])
print(c)
c[5:] = array.array('d', [0.5])
print(c)
del c[::-2]
print(c)
e = array.array('B')
e[:] = e
print(len(e), len(e + e), len(e * 3))
