# str() and repr() of exceptions with zero, one, several args; args attribute; with_traceback.
for e in [ValueError(), ValueError("one"), ValueError("a", 2), ValueError(None), ValueError(""), ValueError(["x"]),
          OSError(2, "No such file"), OSError(2, "No such file", "name.txt"), StopIteration(5), SystemExit(3),
          UnicodeError("u"), KeyError("k"), Exception(("tuple",)), BaseException(1, 2, 3)]:
    print(type(e).__name__, repr(str(e)), repr(e), e.args)
e = ValueError("x")
e.args = ("changed", 1)
print(str(e), repr(e))
print(repr(ValueError("x").with_traceback(None)), ValueError("y").__traceback__)
class NoArgs(Exception):
    def __init__(self):
        super().__init__()
        self.extra = "data"
print(repr(NoArgs()), str(NoArgs()) == "")
class CustomInit(Exception):
    def __init__(self, a, b):
        self.a, self.b = a, b
ci = CustomInit(1, 2)
print(repr(ci), str(ci), ci.args)
