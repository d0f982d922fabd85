# chr() and ord(): ranges and errors.
print(chr(65), chr(0x10FFFF) == "\U0010FFFF", chr(0), ord("a"), ord("€"), ord("😀"), ord(b"A"), ord(bytearray(b"z")))
for bad in [-1, 0x110000]:
    try:
        chr(bad)
    except ValueError as e:
        print(e)
for bad in ["", "ab", b"ab"]:
    try:
        ord(bad)
    except TypeError as e:
        print(e)
try:
    chr("a")
except TypeError as e:
    print(e)
print("".join(chr(c) for c in range(ord("a"), ord("f"))))
