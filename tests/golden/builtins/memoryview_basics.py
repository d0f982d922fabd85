# memoryview basics: slicing without copy, tolist, cast, readonly, release.
data = bytearray(b"abcdef")
mv = memoryview(data)
print(mv[0], mv[-1], bytes(mv[1:3]), mv.tobytes(), mv.tolist()[:3], len(mv), mv.nbytes, mv.readonly)
mv[0] = ord("A")
mv[1:3] = b"BC"
print(data)
sub = mv[2:5]
sub[0] = ord("z")
print(data, sub.obj is data, sub.format, sub.itemsize, sub.ndim, sub.shape, sub.strides)
ro = memoryview(b"xyz")
print(ro.readonly)
try:
    ro[0] = 1
except TypeError as e:
    print(e)
ints = memoryview(bytearray(8)).cast("I")
ints[1] = 0x01020304
print(ints.tolist(), ints.format, ints.itemsize, len(ints), bytes(ints.cast("B"))[4:])
print(mv == b"ABzdef", memoryview(b"ab") == memoryview(b"ab"), mv.hex(), bytes(mv[::2]))
mv.release()
try:
    mv[0]
except ValueError as e:
    print(e)
try:
    memoryview("str")
except TypeError as e:
    print(e)
with memoryview(b"ctx") as m:
    print(m.tobytes())
try:
    memoryview(bytearray(b"ab"))[5]
except IndexError as e:
    print(e)
