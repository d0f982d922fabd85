# int / int is correctly rounded, however large the operands.
import hashlib
import random

print(208812031528138443 / 10**6, (2**60 + 1) / 3, 10**30 / 7, -(10**40) / 3)
print((2**1000 + 1) / 2**900, 1 / 3**500, 3**700 / 2**1100)
rng = random.Random(12345)
digest = hashlib.sha256()
for i in range(20000):
    a = rng.getrandbits(rng.randint(1, 200)) * rng.choice((1, -1))
    b = rng.getrandbits(rng.randint(1, 200)) or 1
    digest.update((a / b).hex().encode())
print(digest.hexdigest())
for a, b in ((10**400, 1), (1, 10**400)):
    try:
        print(a / b)
    except OverflowError as e:
        print("OverflowError", e)
