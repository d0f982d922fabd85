# Conversions among bytes, bytearray, memoryview, list, str, int; iteration yields ints.
b = b"AZ\x00\xff"
print(list(b), [x for x in b], tuple(bytearray(b)), bytes(list(b)) == b, bytearray(b) == b, b == bytearray(b))
print(b[0], b[:1], type(b[0]).__name__, type(bytearray(b)[0:1]).__name__, bytes(memoryview(b)[1:3]))
print(b.decode("latin-1"), "AZ".encode(), bytes("AZ", "ascii"), str(b), str(b, "latin-1"))
print(int.from_bytes(b, "big"), (0x415A00FF).to_bytes(4, "big") == b, b.hex(), bytes.fromhex(b.hex()) == b)
print(bytes(bytearray(3)), bytearray(b"x") + b"y", b"y" + bytearray(b"x"), type(b"y" + bytearray(b"x")).__name__)
print(b"abc" < b"abd", b"a" * 3, b"," .join([b"a", b"b"]), sorted(b"cab"), max(b"abc"), sum(b"\x01\x02"))
print(bytes(range(65, 70)), bytearray(range(3)), b"%d" % 5, b"A" in b, 65 in b, b"\xff" in b)
