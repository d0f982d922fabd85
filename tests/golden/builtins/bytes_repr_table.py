# repr() of all 256 byte values, in bytes and bytearray, plus str(bytes) and bytes.hex round trips.
b = bytes(range(256))
for i in range(0, 256, 32):
    print(repr(b[i:i + 32]))
print(repr(bytearray(b[:40])))
print(bytes.fromhex(b.hex()) == b, b.hex()[:40])
print(repr(b"'\""), repr(b"'"), repr(b'"'), repr(b"\\"))
