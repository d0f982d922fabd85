# str() constructor forms and str methods used as functions; str subclass behaviour.
print(str(), str(5), str(1.0), str(b"x"), str([1, "a"]), str(None), str(str), str(object)[:14])
print(str(b"caf\xc3\xa9", "utf-8"), str(b"abc", encoding="ascii"), str(object="kw"))
try:
    str(5, "utf-8")
except TypeError as e:
    print(e)
class S(str):
    def shout(self):
        return self.upper() + "!"
s = S("hey")
print(s, s.shout(), type(s + "x").__name__, type(s.upper()).__name__, isinstance(s, str), s == "hey")
print(str.upper("abc"), str.join(",", "ab"), str.__len__("four"))
class NoStr:
    def __repr__(self):
        return "from repr"
print(str(NoStr()))
print("".join(str(i) for i in range(5)), str(-0.0), str(1e100), str(10 ** 20), str(True))
