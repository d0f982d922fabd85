# struct: pack/unpack with byte orders, sizes, alignment, iter_unpack, errors.
import struct
print(struct.pack(">I", 1), struct.pack("<I", 1), struct.pack("<hHb", -2, 65535, -128))
print(struct.unpack(">IH", b"\x00\x00\x01\x00\x00\x02"), struct.calcsize("<iqd"), struct.calcsize("@bi"), struct.calcsize("=bi"))
print(struct.pack("<d", 1.5).hex(), struct.unpack("<f", struct.pack("<f", 0.1))[0], struct.pack("?x3s", True, b"abcd"))
print(struct.pack("<5s", b"hi"), struct.unpack("<2sH", b"ok\x01\x00"), struct.pack(">q", -1).hex())
s = struct.Struct("<HH")
print(s.size, s.format, s.pack(1, 2), list(s.iter_unpack(b"\x01\x00\x02\x00\x03\x00\x04\x00")))
buf = bytearray(8)
struct.pack_into("<I", buf, 2, 0xDEADBEEF)
print(buf.hex(), struct.unpack_from("<I", buf, 2)[0] == 0xDEADBEEF)
for fmt, args in [("<B", (256,)), ("<h", (40000,)), ("<I", (-1,)), ("<I", ("x",)), ("<II", (1,))]:
    try:
        struct.pack(fmt, *args)
    except struct.error as e:
        print(fmt, args, e)
try:
    struct.unpack("<I", b"\x00")
except struct.error as e:
    print(e)
print(struct.pack("<e", 1.5).hex(), struct.unpack("<e", b"\x00\x3c"), struct.pack(">Q", 2 ** 64 - 1).hex())
