# str.maketrans / str.translate, encode errors handlers, str() with encodings.
t = str.maketrans("abc", "xyz", "d")
print(sorted(t.items()), "abcdabcd".translate(t))
print("hello".translate({ord("l"): "L", ord("o"): None, ord("h"): 72}))
print(str.maketrans({"a": "1", "b": None}))
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print(e)
try:
    str.maketrans({"ab": 1})
except ValueError as e:
    print(e)
class Table:
    def __getitem__(self, k):
        if k == ord("x"):
            raise LookupError
        return k + 1
print("abx".translate(Table()))
print("héllo".encode("ascii", "replace"), "héllo".encode("ascii", "ignore"), "héllo".encode("ascii", "xmlcharrefreplace"), "héllo".encode("ascii", "backslashreplace"))
try:
    "héllo".encode("ascii")
except UnicodeEncodeError as e:
    print(e)
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
print(b"\xffab".decode("utf-8", "replace"), b"\xffab".decode("utf-8", "ignore"), b"\xffab".decode("utf-8", "backslashreplace"))
print(str(b"abc", "ascii"), str(b"\xe9", "latin-1"), str(b"x\xff", "utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(e)
print("abc".encode("utf-16"), "a€".encode("utf-32-be"), "€".encode("cp1252"), "Ā".encode("utf-8"))
