# int methods: bit_length, bit_count, as_integer_ratio, is_integer, conjugate, real/imag, numerator.
for n in [0, 1, -1, 255, -256, 2 ** 64, 10 ** 20]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio())
print((5).is_integer(), (5).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator)
print(int.__add__(3, 4), (3).__mul__(2), (3).__truediv__(2), (3).__rsub__(10))
print((3).__add__(1.5), (7).__floordiv__(0) if False else "skip")
print(int.__new__(int, 5), type(int.__new__(bool, 1)).__name__ if False else "bool-skip")
print((-7).__abs__(), (7).__neg__(), (6).__pos__(), (6).__invert__(), (6).__index__())
print(round(12345, -2), round(12355, -1), round(-15, -1), round(25, -1), round(7, 2))
print(divmod(-17, 5), (-17).__divmod__(5), pow(7, 2, 5), (7).__pow__(2, 5))
