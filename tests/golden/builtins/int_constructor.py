# int() from strings in all bases, from floats, from objects; error messages.
print(int(), int("42"), int(" -17 "), int("+5"), int("1_000"), int(3.99), int(-3.99), int(True))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("z", 36), int("777", 8), int("11", 2))
print(int("0b101", 0), int("0o17", 0), int("00", 0), int("10", base=3), int(b"12"), int(bytearray(b"7")))
print(int("١٢٣"), int("1e3".replace("e3", "000")))
for args in [("abc",), ("1.5",), ("",), (" ",), ("1__0",), ("_1",), ("08", 0), ("12", 1), ("12", 37), ("0x", 16), ("9", 8)]:
    try:
        int(*args)
    except ValueError as e:
        print(e)
for v in [float("inf"), float("nan")]:
    try:
        int(v)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    int([1])
except TypeError as e:
    print(e)
try:
    int(5, 10)
except TypeError as e:
    print(e)
class I:
    def __index__(self): return 7
class T:
    def __trunc__(self): return 8
class N:
    def __int__(self): return 9
print(int(I()), int(N()))
try:
    int(T())
except TypeError as e:
    print(e)
print(int(1e20), int(-2.5e-3), int("9" * 30))
