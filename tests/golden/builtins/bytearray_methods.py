# bytearray mutation methods and their errors.
ba = bytearray(b"hello")
ba.append(33)
ba.extend(b" ok")
ba.insert(0, 62)
print(ba, len(ba))
print(ba.pop(), ba.pop(0), ba)
ba.remove(ord("l"))
print(ba)
ba.reverse()
print(ba)
ba[0] = 65
ba[1:3] = b"XYZ"
print(ba)
del ba[0:2]
print(ba, ba.find(b"Z"), ba.upper())
ba.clear()
print(ba, bytearray(3), bytearray(b"ab") * 2, bytearray([1, 2]) + b"\x03")
c = bytearray(b"abc")
c += b"def"
c *= 2
print(c, c.copy() == c, c.copy() is c)
for call in [lambda: c.append(256), lambda: c.append("a"), lambda: c.remove(120), lambda: bytearray().pop(), lambda: c.__setitem__(0, -1)]:
    try:
        call()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
print(bytearray.fromhex("de ad be ef"), bytearray(b"\x01\xff").hex(), bytearray(b"abc").hex("-"))
