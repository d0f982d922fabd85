# Precisions far past a double's exact digits: the extra digits are zeros.
s = "%12.*f" % (123456, 1.0)
print(len(s), s[:5], set(s[2:]))
s = "%.*e" % (100000, 1 / 3)
print(len(s), s[:20], s[-8:])
s = format(0.1, ".70000f")
print(len(s), s[:30], s.rstrip("0")[-10:])
print(format(2.5, ".1100g")[:6], len(format(2.5, ".80000g")))
