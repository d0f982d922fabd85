# str search methods: find/rfind/index/rindex/count/startswith/endswith with ranges.
s = "abracadabra"
print(s.find("a"), s.find("a", 1), s.find("a", 1, 3), s.find("z"), s.rfind("a"), s.rfind("abra", 0, 10))
print(s.index("c"), s.rindex("b"), s.count("a"), s.count("abra"), s.count(""), "aaaa".count("aa"))
print(s.find(""), s.find("", 11), s.find("", 12), s.rfind(""), s.count("a", -3))
print(s.startswith("abr"), s.startswith(("x", "ab")), s.startswith("cad", 4), s.endswith("bra"), s.endswith("ab", 0, 9))
try:
    s.index("z")
except ValueError as e:
    print(e)
try:
    s.rindex("z")
except ValueError as e:
    print(e)
try:
    s.startswith(["a"])
except TypeError as e:
    print(e)
print("日本語日".find("日", 1), "x".find("xx"), "".find(""), "abc".find("c", -1))
print("ab" in s, s.__contains__("cad"), s.count("a", 100))
