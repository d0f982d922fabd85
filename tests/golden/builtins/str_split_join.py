# str split/rsplit/splitlines/partition/rpartition/join.
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1), " a  b \t c\n".split())
print("  lead trail  ".split(" "), "".split(), "".split(","), "abc".split("abc"), "x".rsplit())
print("a b c d".split(maxsplit=2), "a b c d".rsplit(None, 2), "1<>2<>3".split("<>"))
print("l1\nl2\r\nl3\rl4\x0bl5\x1cl6\u2028end".splitlines())
print("a\nb\n".splitlines(keepends=True), "".splitlines(), "\n".splitlines())
print("key=val=x".partition("="), "key=val=x".rpartition("="), "none".partition("="), "none".rpartition("="))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "-".join(map(str, range(3))))
try:
    "".split("")
except ValueError as e:
    print(e)
try:
    "-".join(["a", 1])
except TypeError as e:
    print(e)
try:
    "-".join(5)
except TypeError as e:
    print(e)
print("a\tb".expandtabs(), "a\tbc\td".expandtabs(4), repr("\t".expandtabs(0)))
