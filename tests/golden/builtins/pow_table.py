# ** and pow() over ints, floats, negative bases and exponents, three-argument pow with big moduli.
for b in [-3, -2, -1, 0, 1, 2, 3, 10]:
    print(b, [b ** e for e in range(0, 6)], [b ** -e if b else "x" for e in (1, 2)])
for b in [0.5, -0.5, 2.0, -2.0, 1e10]:
    print(b, [b ** e for e in (-2, -1, 0, 0.5 if b > 0 else 2, 3)])
print([pow(3, e, 10 ** 9 + 7) for e in (0, 1, 10, 100, 10 ** 18)], pow(2, 10 ** 6, 2 ** 89 - 1))
print([pow(x, -1, 101) for x in range(1, 11)], pow(-7, 3, 5), pow(7, 3, -5), pow(0, 0, 1))
print(2 ** 0.5, 9 ** 0.5, 27 ** (1 / 3), (-27) ** (1 / 3), 10 ** -1, 0 ** 0.0)
