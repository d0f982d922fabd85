# Bytes literals and repr.
print(b'abc', B"x\x00y", rb'\n', b'\xff\x80')
print(repr(b"'"), repr(b'"'), repr(b"'\""))
print(b'a' b'b', len(b'\t\n'), b'\101')
print(list(b'AZaz09'))
print(b'\x7f\x20\x0d\x0a\x09')
print(bytes([0, 1, 127, 128, 255]))
print(b'abc'[1], b'abc'[1:], b'abc' * 2)
print(bytearray(b'hi'), repr(bytearray()))
