# string module: constants, Template substitution, Formatter, capwords.
import string
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits, repr(string.whitespace))
print(string.punctuation, len(string.printable))
t = string.Template("$who likes ${what}s, $$5")
print(t.substitute(who="Tim", what="apple"), t.safe_substitute(who="Ann"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
try:
    string.Template("$").substitute()
except ValueError as e:
    print(e)
print(t.get_identifiers(), t.is_valid())
print(string.capwords("hello   wide\tworld"), string.capwords("a-b c-d", "-"))
f = string.Formatter()
print(f.format("{0}-{x}", 1, x=2), list(f.parse("a{0!r:>3}b{}")))
