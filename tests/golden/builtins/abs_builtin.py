# abs() on numbers and objects with __abs__, and its TypeError.
print(abs(-3), abs(3), abs(-0.0), abs(-2.5), abs(3 - 4j), abs(True), abs(-10 ** 30))
print(abs(float("-inf")), abs(float("nan")))
class A:
    def __abs__(self):
        return "absolute"
print(abs(A()))
try:
    abs("x")
except TypeError as e:
    print(e)
from fractions import Fraction
from decimal import Decimal
print(abs(Fraction(-1, 3)), abs(Decimal("-1.50")))
