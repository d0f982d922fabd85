# Arithmetic across int/float/complex/bool, true vs floor division, negative modulo, pow.
print(7 / 2, 7 // 2, -7 // 2, 7 // -2, 7 % -2, -7 % 2, 7.5 // 2, -7.5 % 2)
print(divmod(7, 3), divmod(-7, 3), divmod(7.5, 2), divmod(-7, -3))
print(2 ** 10, 2 ** -2, (-8) ** (1/3) if False else 0, 0 ** 0, 2.0 ** 0.5)
print(pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3))
print(1 + 2.0, 1 + True, 1.5 + 2j, True / 2)
print(10 ** 20 / 10 ** 10, 10 ** 20 // 3, -(10 ** 20) // 3)
print(1e308 * 10, -1e308 * 10)
for a, b in [(1, 0), (1.0, 0), (1, 0.0), (0, 0)]:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
try:
    5 // 0
except ZeroDivisionError as e:
    print(e)
try:
    5 % 0
except ZeroDivisionError as e:
    print(e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print(e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(e)
print((-1) ** 0.5)
print(abs(-5), abs(-5.5), abs(3 + 4j), -(-3), +True)
print(17 & 5, 17 | 5, 17 ^ 5, ~17, 1 << 70, -1 >> 3, -17 >> 2)
try:
    1 << -1
except ValueError as e:
    print(e)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(5, -1))
