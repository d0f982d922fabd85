# Arbitrary precision integer arithmetic.
a = 2 ** 200 + 12345
b = 3 ** 100 - 7
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b, divmod(-a, b))
print(a ** 3 % 1000000007, pow(a, b, 10 ** 9 + 7), pow(b, -1, 2 ** 61 - 1))
print(a >> 100, a << 10, -a >> 150, a & b, a | b, a ^ b, ~a)
print(a / b, (10 ** 400) // (10 ** 390), -(10 ** 40) // 7, (-(10 ** 40)) % 7)
import math
print(math.factorial(60), math.gcd(a, b), math.isqrt(a))
print(str(2 ** 1000)[:20], len(str(2 ** 10000)))
print(int(str(7 ** 300)) == 7 ** 300, (10 ** 50).bit_length())
try:
    (10 ** 400) / 1
except OverflowError as e:
    print(e)
try:
    float(10 ** 400)
except OverflowError as e:
    print(e)
print(10 ** 400 / 10 ** 399, (2 ** 1100) / (2 ** 1099))
print(sum(range(10 ** 20, 10 ** 20 + 10)), -(2 ** 64) * -(2 ** 64))
