# float methods: hex/fromhex, is_integer, as_integer_ratio, from_number, special values.
for f in [0.0, -0.0, 1.0, 0.1, -2.5, 1e300, 5e-324, float("inf"), float("nan")]:
    print(repr(f), f.hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-1074"), float.fromhex("inf"), float.fromhex("0x.8"))
print((2.0).is_integer(), (2.5).is_integer(), (0.75).as_integer_ratio(), (0.1).as_integer_ratio())
for bad in [float("inf"), float("nan")]:
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(float("1e500"), float("-1e-500"), float("nan") != float("nan"))
for s in ["", "abc", "1.2.3", "1e", "0x10"]:
    try:
        float(s)
    except ValueError as e:
        print(e)
print(float("Infinity"), float("-iNF"), float("+nan"), float(" 1_5.5 "))
print((3.7).__trunc__(), (3.7).__floor__(), (3.2).__ceil__(), (-3.7).__round__(), (2.675).__round__(2))
print(float.from_number(5), (1.5).real, (1.5).imag, (1.5).conjugate())
try:
    float.fromhex("zz")
except ValueError as e:
    print(e)
try:
    float(None)
except TypeError as e:
    print(e)
