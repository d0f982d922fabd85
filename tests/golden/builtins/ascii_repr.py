# repr(), ascii(), str() on builtins and objects defining __repr__/__str__.
vals = ["plain", "quote'", 'dq"', "both'\"", "tab\t", "uni é ü 日", "\x00\x1f\x7f", "😀", "\u2028",
        b"bytes", 1.5, None, True, [1, "a"], (1,), (), {"k": "v"}, {1}, frozenset(), range(3)]
for v in vals:
    print(repr(v), ascii(v), str(v))
class R:
    def __repr__(self):
        return "R()"
class S(R):
    def __str__(self):
        return "S-str"
print(repr(R()), str(R()), repr(S()), str(S()), [S()], f"{S()}", f"{S()!r}")
class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(e)
print(repr("a\\b"), repr("\r\n"), ascii("\r\né"))
