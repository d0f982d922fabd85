# repr() and isprintable() of every code point below 0x180 plus selected others: escapes must match.
for start in range(0, 0x180, 16):
    chars = [chr(c) for c in range(start, start + 16)]
    print(f"{start:04x}", " ".join(repr(c) for c in chars))
    print("    ", "".join("P" if c.isprintable() else "." for c in chars))
for c in [0x2028, 0x2029, 0x200b, 0xfeff, 0xfffd, 0xd800, 0xdfff, 0x1f600, 0xe000, 0x10ffff, 0x0378, 0x3000, 0x00ad]:
    print(hex(c), repr(chr(c)), ascii(chr(c)), chr(c).isprintable())
