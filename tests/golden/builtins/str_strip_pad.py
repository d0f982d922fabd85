# str strip/lstrip/rstrip, center/ljust/rjust/zfill, removeprefix/removesuffix, replace.
s = "  \t hello \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), "xxhixx".strip("x"), "abcba".strip("ab"))
print("[" + "hi".center(7) + "]", "[" + "hi".center(6, "*") + "]", "hi".ljust(5, "-"), "hi".rjust(5, "."), "hi".center(1))
print("42".zfill(5), "-42".zfill(5), "+4".zfill(4), "abc".zfill(6), "".zfill(2), "-".zfill(3))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "x".removeprefix("y"))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("", "-", 2))
print("aaa".replace("a", "b", count=1), "hello".replace("l", ""))
try:
    "x".center(5, "ab")
except TypeError as e:
    print(e)
print("\u3000 unicode space \u00a0".strip(), "\x1c\x1dsep".strip())
