# round() over a grid of float values and digit counts, plus ints with negative digits.
vals = [0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 2.675, 1.005, 123.456, -123.456, 1e-5, 9.995, 0.045, 1234.5678]
for v in vals:
    print(v, [round(v, n) for n in (0, 1, 2, 3)], round(v), round(v, -1))
for n in [5, 15, 25, -25, 149, 150, 151, 12345678]:
    print(n, [round(n, d) for d in (-1, -2, -3)])
