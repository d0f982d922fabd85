# Float literals and repr round-tripping.
vals = [0.0, -0.0, 1.0, 1., .5, 1e10, 1E-5, 1_000.000_1, 3.14159, 1e16, 1e15, 123456789.0,
        0.1 + 0.2, 1/3, 2/3, 1e-7, 1e22, 1e23, 5e-324, 1.7976931348623157e308]
for v in vals:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"))
print(1e309, -1e309)
print(0.1 * 3, 100.0, 1e100)
print(float("  12.5  "), float("1_0.5"), float("-.5e1"))
print(10.0 ** 20, 10.0 ** 15, 10.0 ** 16)
