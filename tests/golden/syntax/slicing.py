# Slicing on lists, strings, tuples, ranges: negatives, steps, assignment, deletion.
s = "abcdefgh"
print(s[2:5], s[:3], s[5:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1], s[-2:1:-2], s[100:], s[-100:2])
l = list(range(10))
print(l[3:8:2], l[8:3:-2], l[::-3])
l[2:5] = ["a"]
print(l)
l[1:1] = [9, 9]
print(l)
l[::2] = "xyzab"[: len(l[::2])]
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print(e)
del l[::3]
print(l)
t = tuple(range(6))
print(t[1:4], t[::-2])
r = range(20)
print(r[2:10:3], r[::-1], r[-3:])
print(s[slice(1, 4)], s[slice(None, None, -2)])
print(slice(1, 10, 2).indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4))
try:
    s[::0]
except ValueError as e:
    print(e)
b = bytearray(b"hello")
b[1:3] = b"EL"
print(b)
