# fractions.Fraction: normalization, arithmetic, conversions, limit_denominator, from strings and floats.
from fractions import Fraction
print(Fraction(6, 8), Fraction(-3, -9), Fraction(5), Fraction("3/4"), Fraction(" -1.25 "), Fraction("1e-3"), Fraction(0.5), Fraction(0.1))
a, b = Fraction(1, 3), Fraction(1, 6)
print(a + b, a - b, a * b, a / b, a ** 2, a ** -2, (-a) ** 3, a // b, a % b, divmod(Fraction(7, 2), 2))
print(a + 1, 1 - a, a * 2.0, a == Fraction(2, 6), a < 0.34, a.numerator, a.denominator, float(a), int(Fraction(-7, 2)), round(Fraction(5, 2)), round(Fraction(7, 2)))
print(Fraction(3.141592653589793).limit_denominator(100), Fraction(1, 3).limit_denominator(2), Fraction(0.1).limit_denominator())
print(Fraction(1, 2).as_integer_ratio(), Fraction(3, 4).is_integer(), Fraction.from_float(0.25), Fraction.from_decimal(__import__("decimal").Decimal("1.1")))
print(repr(Fraction(1, 2)), str(Fraction(4, 2)), f"{Fraction(1, 3):.5f}", hash(Fraction(1, 2)) == hash(0.5), abs(Fraction(-1, 2)))
for bad in ["1/0", "abc", "1/2/3"]:
    try:
        Fraction(bad)
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(sum(Fraction(1, n) for n in range(1, 11)), Fraction(2, 3) ** Fraction(1, 2) if False else "", max(Fraction(1, 2), 0.4, 1))
