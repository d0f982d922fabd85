# String operators: concatenation, repetition, comparison, membership, indexing errors.
s = "hello"
print(s + " world", s * 2, 0 * s, -1 * s, s[0], s[-1], len(s))
print("a" < "b", "Z" < "a", "abc" < "abd", "ab" < "abc", "é" > "z")
try:
    s[10]
except IndexError as e:
    print(e)
try:
    s[0] = "H"
except TypeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)
try:
    "a" * 1.5
except TypeError as e:
    print(e)
print("%s-%d" % ("x", 5), "ab" in "cabd", min("hello"), max("hello"))
print("".join(reversed(s)), sorted(s))
print(str(1) + str(2.5) + str(None) + str([1]))
