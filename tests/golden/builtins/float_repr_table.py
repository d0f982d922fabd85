# Shortest round-trip float repr over many generated values (exercises the float-to-string algorithm).
vals = []
for i in range(1, 40):
    vals += [i / 7, 1 / i, 2.0 ** -i, 10.0 ** i * 1.1, i * 0.1, 1e-300 * i, i * 1e300 if i < 18 else 1.0]
for k in range(0, len(vals), 7):
    print(" ".join(repr(v) for v in vals[k:k + 7]))
print(all(float(repr(v)) == v for v in vals))
print([str(x) for x in [1e15, 1e16, 1.5e16, 0.0001, 0.00001, 123e-20, 9.999999999999999e22]])
