# decimal: exact decimal arithmetic, contexts, rounding modes, quantize, special values, signals.
from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, ROUND_DOWN, ROUND_HALF_EVEN, InvalidOperation, DivisionByZero
print(Decimal("0.1") + Decimal("0.2"), Decimal(0.1), Decimal("1.10") * 3, Decimal("10") / Decimal("3"))
print(Decimal("2").sqrt(), Decimal("1").exp(), Decimal(10) ** -2, Decimal("-0"), Decimal("1E+3"), Decimal("123.4500").normalize())
print(Decimal("2.675").quantize(Decimal("0.01")), Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), Decimal("2.5").quantize(Decimal("1"), ROUND_HALF_EVEN))
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(7), +Decimal("3.14159265"))
    ctx.rounding = ROUND_DOWN
    print(Decimal(2) / Decimal(3))
print(getcontext().prec, Decimal(1) / Decimal(7))
print(Decimal("NaN"), Decimal("-Infinity"), Decimal("inf") > 10 ** 100, Decimal("nan").is_nan(), Decimal("1.5").as_tuple())
for expr in ["Decimal(1) / Decimal(0)", "Decimal('abc')", "Decimal(0) / Decimal(0)"]:
    try:
        eval(expr)
    except (DivisionByZero, InvalidOperation) as e:
        print(expr, type(e).__name__)
print(Decimal("3.14") == 3.14, Decimal("3.5") == 3.5, Decimal(5) == 5, Decimal("1.0") == Decimal("1.00"), hash(Decimal("1.0")) == hash(1))
print(sorted([Decimal("1.1"), Decimal("0.9"), Decimal("1")]), sum([Decimal("0.1")] * 10), round(Decimal("2.567"), 2), int(Decimal("-7.9")))
print(f"{Decimal('1234.5678'):,.2f}", f"{Decimal('0.000012'):e}", Decimal("12.30").to_integral_value(), Decimal(7).fma(2, 1), divmod(Decimal(7), Decimal(-2)))
try:
    Decimal("1.1") + 1.1
except TypeError as e:
    print(e)
