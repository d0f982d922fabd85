# int.to_bytes / int.from_bytes: byteorder, signed, lengths, overflow errors.
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (1024).to_bytes(4))
print((-1).to_bytes(2, "big", signed=True), (255).to_bytes(1), (0).to_bytes(0, "big"))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xff", signed=True))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(b""), int.from_bytes(b"\x80\x00", "big", signed=True))
print((2 ** 100).to_bytes(13, "big").hex())
for call in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (128).to_bytes(1, "big", signed=True),
             lambda: (1).to_bytes(1, "middle"), lambda: (1).to_bytes(-1, "big")]:
    try:
        call()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
class MyInt(int): pass
v = MyInt.from_bytes(b"\x01", "big")
print(type(v).__name__, v)
