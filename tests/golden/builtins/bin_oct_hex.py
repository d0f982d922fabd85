# bin(), oct(), hex() including negatives, big ints, __index__.
for n in [0, 1, -1, 255, -255, 2 ** 70, -(2 ** 70)]:
    print(bin(n), oct(n), hex(n))
class I:
    def __index__(self):
        return 10
print(bin(I()), oct(I()), hex(I()))
try:
    hex(1.5)
except TypeError as e:
    print(e)
print(format(255, "b"), format(-255, "#x"), f"{2**70:x}")
