# Complex literals and arithmetic.
print(1j, 2J, 1 + 2j, -1j, 0j, -0j)
z = 3 + 4j
print(z.real, z.imag, abs(z), z.conjugate())
print(z * z, z / 2, z - 1, (1 + 2j) * (3 - 4j))
print(complex(1, 2), complex("1+2j"), complex(" 3-4j "), complex(2))
print(1j ** 2, (2 + 0j) ** 3)
print(repr(complex(0.0, -0.0)), repr(complex(-0.0, 0.0)))
print(complex(1e300, 1e300) * 10)
print((1+1j) == complex(1, 1), 1 + 0j == 1)
