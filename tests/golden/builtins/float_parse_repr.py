# str(float) / repr: shortest round-trip, switching to exponent notation at 1e16 and 1e-4.
for v in [1e15, 1e16, 123456789012345678.0, 0.0001, 0.00001, 1.5e-5, 12345.6789, 2 ** 53, 2.0 ** 60, 1 / 7, 1e-320, 9007199254740993.0]:
    print(repr(v), str(float(repr(v)) == v))
print(0.1 + 0.2, 1.1 + 2.2, 3 * 0.1, 0.3, 1.0 - 0.9, 100 * 1.15)
print(float("0.1") * 3, float("3.0000000000000004"), float("1" + "0" * 20))
print([0.5, 1.25, -3.75], (1e-7,), {1.0: 2.5})
print(float(7), float(-0), float("-0"), float("  -0.0  "), 2e0, 1.0e+0)
print(format(0.1, ".20f"), format(1 / 3, ".17g"), format(2 ** 0.5, "r") if False else "")
