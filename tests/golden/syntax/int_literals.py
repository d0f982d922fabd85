# Integer literals: bases, underscores, big values, negative, bool arithmetic.
print(0, 00, 0_0, 1_000_000)
print(0x1F, 0X_ff, 0o17, 0O_777, 0b1011, 0B_1_0)
print(123456789012345678901234567890)
print(0xFFFF_FFFF_FFFF_FFFF_FFFF)
print(-0x80, -0o10, -0b11)
print(type(10**30), 10**30)
print(True + True, True * 10, False - 1)
print(1_2_3 + 4_5)
x = 9999999999999999999999999999999999
print(x + 1, x * x)
print(-(2**63), 2**64 - 1)
print(int("0x10", 0), int("0o10", 0), int("0b10", 0), int("1_0", 0))
