# bytes methods mirror str's: split/join/strip/replace/find/startswith/upper etc.
b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.swapcase(), b.title(), b.split(b","), b.split())
print(b"a-b-c".split(b"-", 1), b"-".join([b"x", bytearray(b"y")]), b"abc".replace(b"b", b"BB"))
print(b"hello".find(b"l"), b"hello".rfind(108), b"hello".count(b"l"), b"hello".index(b"e"), b"hello".startswith((b"he", b"x")))
print(b"abc".center(7, b"*"), b"7".zfill(3), b"ab".ljust(4), b"x\ty".expandtabs(4))
print(b"ABC".isupper(), b"abc1".isalnum(), b"  ".isspace(), b"123".isdigit(), b"Ab".istitle(), b"\x80".isascii())
print(b"key=val".partition(b"="), b"a\nb\r\n".splitlines(), b"xxhixx".strip(b"x"))
print(b"abc"[0], b"abc"[-1:], list(b"hi"), b"hi" + b"!", b"ab" * 3, b"b" in b"abc", 98 in b"abc")
print(b"hello".removeprefix(b"he"), b"a,b".rsplit(b","), b"ab".decode(), bytes.maketrans(b"ab", b"xy"))
print(b"abc".translate(bytes.maketrans(b"abc", b"xyz"), b"b"), b"hello".translate(None, b"l"))
try:
    b"abc" + "d"
except TypeError as e:
    print(e)
try:
    b"abc".find("a")
except TypeError as e:
    print(e)
try:
    b"".join([b"a", "b"])
except TypeError as e:
    print(e)
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes(range(3)), bytes(b"x"), bytes(memoryview(b"mv")))
for bad in [[256], [-1], "str", 1.5]:
    try:
        bytes(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
