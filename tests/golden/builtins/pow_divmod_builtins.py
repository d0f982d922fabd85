# pow() with modulus, negative exponents, modular inverse; divmod() across types.
print(pow(2, 100), pow(2, 100, 97), pow(2, -1), pow(-2, -2), pow(2.0, 3), pow(4, 0.5), pow(0, 0))
print(pow(3, -1, 11), pow(38, -1, 97), pow(5, 0, 1), pow(-3, 3, 5), pow(3, 3, -5))
for args in [(2, -1, 4), (2, 3, 0), (2.0, 3, 5), (2, 0.5, 3)]:
    try:
        pow(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(pow(base=2, exp=5, mod=7), divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.0, 5), divmod(10 ** 20, 7))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(e)
try:
    divmod("a", 1)
except TypeError as e:
    print(e)
class P:
    def __pow__(self, other, mod=None):
        return ("pow", other, mod)
    def __rpow__(self, other):
        return ("rpow", other)
print(pow(P(), 2), pow(P(), 2, 3), 2 ** P())
