# array: + * += *= and comparisons (same and mixed type codes).
import array

a = array.array('i', [1, 2])
b = array.array('i', [3])
print(a + b, a * 3, 2 * b, a * 0, a * -1)
a += b
print(a)
a *= 2
print(a)
x = a
x += x
print(x is a, a)
for stmt in ['a + [1]', 'a + array.array("b")', 'a * "x"', 'a * 1.5', 'a - a', 'a < 1',
             'a.__iadd__([1])']:
    try:
        print(stmt, '->', eval(stmt))
    except Exception as e:
        print(stmt, '->', type(e).__name__, e)
A = array.array
print(A('b', [1, 2]) == A('b', [1, 2]), A('b', [1, 2]) != A('b', [1, 3]))
print(A('b', [1, 2]) < A('b', [1, 3]), A('b', [1, 2]) <= A('b', [1]), A('b') < A('b', [0]))
print(A('q', [1]) == A('d', [1.0]), A('b', [1, 2]) < A('h', [1, 3]), A('B', [255]) > A('b', [-1]))
print(A('d', [float('nan')]) == A('d', [float('nan')]), A('d', [1.0, 2.0]) >= A('f', [1.0]))
print(A('w', 'ab') < A('w', 'b'), A('w', 'ab') == A('w', 'ab'))
print(A('b', [1]) == [1], A('b', [1]) != (1,))
print(sorted([A('i', [3]), A('i', [1, 2]), A('i', [1])]))
