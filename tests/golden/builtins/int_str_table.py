# int <-> str conversions in many bases for many magnitudes, and formats with grouping.
nums = [0, 1, -1, 7, 255, -256, 65535, 2 ** 31 - 1, -(2 ** 31), 2 ** 63, 10 ** 18, 3 ** 50, -(7 ** 40), 2 ** 200 - 1]
for n in nums:
    print(n, hex(n), oct(n), f"{n:,}", f"{n:_x}", len(str(n)), int(str(n)) == n, int(hex(n), 16) == n)
for base in [2, 3, 7, 16, 36]:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[:base]
    s = "".join(digits[(i * 7 + 3) % base] for i in range(30)).lstrip("0") or "0"
    print(base, s, int(s, base))
