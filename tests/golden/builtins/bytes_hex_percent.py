# bytes.hex/fromhex with separators, bytes %-formatting.
b = bytes(range(250, 256)) + b"\x00\x01"
print(b.hex(), b.hex(":"), b.hex("-", 2), b.hex(" ", -3), b"".hex())
print(bytes.fromhex("00 ff 10"), bytes.fromhex(""), bytes.fromhex("  aB "))
for bad in ["0", "zz", "0 0"]:
    try:
        bytes.fromhex(bad)
    except ValueError as e:
        print(e)
print(b"%s %d %x %c %c %r %a %%" % (b"bytes", 42, 255, 65, b"z", b"r", "é"))
print(b"%5s|%-5s|%05d|%.2f" % (b"ab", b"cd", 7, 1.5))
print(b"%(k)s" % {b"k": b"v"})
for fmt, args in [(b"%s", "str"), (b"%d", b"1"), (b"%c", 256)]:
    try:
        print(fmt % args)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
