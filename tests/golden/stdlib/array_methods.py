# array: the list-like methods and the conversions to and from bytes, lists and str.
import array

a = array.array('h', [5, 1, 4])
a.append(9)
a.extend([2, 2])
a.extend(array.array('h', [7]))
a.insert(0, -3)
a.insert(100, 8)
a.insert(-100, 6)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(2)
print(a, a.index(5), a.index(4, 1), a.count(2), a.count(42), 4 in a, 4.0 in a, 'x' in a)
a.reverse()
print(a)
for stmt in ['a.remove(42)', 'a.index(42)', 'a.index(5, 0, 1)', 'array.array("b").pop()',
             'a.pop(50)', 'a.extend(array.array("b"))', 'a.extend(5)', 'a.fromlist(5)',
             'a.fromlist([1, "x"])', 'a.frombytes(b"abc")', 'a.frombytes("ab")',
             'a.fromunicode("x")', 'a.tounicode()', 'array.array("w").fromunicode(1)',
             ]:
    try:
        print(stmt, '->', eval(stmt))
    except Exception as e:
        print(stmt, '->', type(e).__name__, e)
print(a)
b = array.array('i', [1, 256, -2])
raw = b.tobytes()
print(raw, len(raw))
b.byteswap()
print(b)
b.byteswap()
c = array.array('i')
c.frombytes(raw)
c.frombytes(memoryview(raw))
print(c, c == b + b)
c.fromlist([7, 8])
print(c.tolist())
u = array.array('w', 'ab')
u.fromunicode('cd€')
u.append('x')
print(u, u.tounicode(), u.tolist())
print(b.buffer_info()[1], array.array('d', [1.0]).itemsize)
c.clear()
print(c, len(c))
d = array.array('b', [3, 1])
print(d.__copy__(), d.__deepcopy__({}), d.__copy__() is d)
import copy
print(copy.copy(d), copy.deepcopy(d))
