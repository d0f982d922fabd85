# ZeroDivisionError messages from every numeric operation that can divide by zero.
import math
from fractions import Fraction
from decimal import Decimal, DivisionByZero, InvalidOperation
cases = ["1 / 0", "1 // 0", "1 % 0", "divmod(1, 0)", "1.0 / 0", "1.0 // 0.0", "1.0 % 0.0", "divmod(1.0, 0.0)",
         "1j / 0", "0 ** -1", "0.0 ** -1", "pow(0, -2)", "Fraction(1, 0)", "Fraction(1) / 0", "math.fmod(1, 0)", "10**30 // 0",
         "pow(2, -1, 1) if False else 5 % 0", "(1).__truediv__(0)"]
for c in cases:
    try:
        eval(c)
    except ZeroDivisionError as e:
        print(f"{c:22} ZeroDivisionError: {e}")
    except ValueError as e:
        print(f"{c:22} ValueError: {e}")
try:
    Decimal(1) / Decimal(0)
except DivisionByZero as e:
    print(type(e).__name__, isinstance(e, ZeroDivisionError))
print(issubclass(ZeroDivisionError, ArithmeticError), ZeroDivisionError.__mro__)
