# numbers ABCs: int/float/complex/Fraction/Decimal registration in the numeric tower.
import numbers
from fractions import Fraction
from decimal import Decimal
for v in [1, True, 1.5, 1j, Fraction(1, 2), Decimal("1.5")]:
    print(type(v).__name__, [abc.__name__ for abc in (numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral) if isinstance(v, abc)])
class MyNum(numbers.Integral):
    pass
try:
    MyNum()
except TypeError as e:
    print(str(e)[:60])
print(issubclass(int, numbers.Integral), numbers.Integral.__mro__[1].__name__)
