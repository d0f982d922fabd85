# __repr__, __str__, __format__ interplay in print, f-strings, containers, format().
class Money:
    def __init__(self, cents): self.cents = cents
    def __repr__(self): return f"Money({self.cents})"
    def __str__(self): return f"${self.cents / 100:.2f}"
    def __format__(self, spec):
        if spec == "raw":
            return str(self.cents)
        return format(str(self), spec)
m = Money(1234)
print(m, repr(m), str(m), [m], (m,), {"k": m})
print(f"{m}", f"{m!r}", f"{m!s}", f"{m:raw}", f"{m:>10}|", format(m, "<9") + "|")
print("{} {!r} {:raw}".format(m, m, m), "%s %r" % (m, m))
class OnlyRepr:
    def __repr__(self): return "OnlyRepr!"
print(OnlyRepr(), str(OnlyRepr()), f"{OnlyRepr()}", format(OnlyRepr()))
try:
    format(OnlyRepr(), "x")
except TypeError as e:
    print(e)
class BadStr:
    def __str__(self): return 42
try:
    str(BadStr())
except TypeError as e:
    print(e)
class Sub(int):
    def __repr__(self): return "Sub-repr"
print(Sub(5), str(Sub(5)), f"{Sub(5)}", [Sub(5)], format(Sub(5), "03"))
class SubS(str):
    def __str__(self): return "custom str"
print(SubS("actual"), str(SubS("actual")), f"{SubS('actual')}", "%s" % SubS("actual"))
