# memoryview exports lock a bytearray's size; casts, multi-dim shapes, hashing, comparisons.
ba = bytearray(b"abcd")
m = memoryview(ba)
for op in [lambda: ba.append(1), lambda: ba.extend(b"x"), lambda: ba.pop(), lambda: ba.clear(), lambda: ba.__delitem__(0)]:
    try:
        op()
    except BufferError as e:
        print("BufferError", e)
ba[0] = 65
ba[1:3] = b"BC"
print(ba, m.tobytes())
m.release()
ba.append(ord("e"))
print(ba)
with memoryview(ba) as m2:
    pass
ba.extend(b"fg")
print(ba, repr(m2).startswith("<released memory at 0x"))
x = memoryview(bytearray(range(12)))
y = x.cast("B", (3, 4))
print(y.shape, y.strides, y.ndim, y.tolist(), y.nbytes, y.c_contiguous)
print(x.cast("h").tolist()[:3], x.cast("c")[:2].tolist(), x[::3].tolist(), x[::-4].tolist())
print(hash(memoryview(b"abc")) == hash(b"abc"), memoryview(b"ab").toreadonly().readonly)
print(memoryview(b"ab") == bytearray(b"ab"), memoryview(b"ab") != b"ac", memoryview(b"ab") == "ab")
for bad in [lambda: hash(memoryview(bytearray(2))), lambda: x.cast("d"), lambda: x[::2].cast("B"),
            lambda: x.cast("Z"), lambda: memoryview(b"abc")[0:2].__setitem__(0, 1), lambda: x.__setitem__(0, 256),
            lambda: x.__setitem__(slice(0, 2), b"abc"), lambda: y[0], lambda: x["a"]]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
f = memoryview(bytearray(8)).cast("d")
f[0] = 1.5
print(f.tolist(), f.format, f.itemsize, memoryview(bytearray(4)).cast("?").tolist())
print(b"".join([memoryview(b"ab"), b"c"]), bytearray(memoryview(b"xy")), bytes(memoryview(b"abcdef")[1::2]))
