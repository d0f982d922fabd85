# complex(): constructor forms, parsing, arithmetic, errors.
print(complex(), complex(1), complex(1.5, -2), complex("3"), complex("-2j"), complex("(1+2j)"), complex("1e1+1e-1j"))
print(complex(real=2, imag=3), complex("inf+nanj"))
for s in ["1+", "j1", "1 + 2j", "", "(1+2j"]:
    try:
        complex(s)
    except ValueError as e:
        print(repr(s), e)
try:
    complex("1", 2)
except TypeError as e:
    print(e)
z = complex(3, 4)
print(z / (1 - 1j), z ** 0.5, z ** 2, pow(z, 2), (1j) ** 1j)
try:
    z / 0
except ZeroDivisionError as e:
    print(e)
try:
    z // 2
except TypeError as e:
    print(e)
try:
    z % 2
except TypeError as e:
    print(e)
print(repr(complex(1e-300, 1e300)), complex(float("nan"), 1), -complex(0, 0))
print(hash(complex(2, 0)) == hash(2), complex(2, 0) == 2, complex(1, 1) != 1)
class C:
    def __complex__(self): return 5j
print(complex(C()))
