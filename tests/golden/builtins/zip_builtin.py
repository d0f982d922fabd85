# zip(): shortest, strict=True errors, laziness, unzip idiom.
print(list(zip("abc", [1, 2, 3, 4])))
print(list(zip()), list(zip("ab")))
print(list(zip(*[(1, "a"), (2, "b")])))
print(list(zip("ab", "xy", strict=True)))
for args in [("ab", "xyz"), ("abc", "xy"), ("a", "b", "cd"), ("ab", "cd", "e")]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(e)
def gen():
    for i in range(3):
        print("gen", i)
        yield i
print(list(zip(gen(), "ab")))
try:
    zip(1, 2)
except TypeError as e:
    print(e)
