# String prefix combinations: r, b, f, rb, br, fr, rf, u, case-insensitive.
x = 5
print(u"unicode", U"upper u")
print(rb"\n", Rb"\t", bR"\x", BR"\\")
print(fr"{x}\n", Rf"{x}\t", fR"\d{x}", FR"{x!r}")
print(r"\"", r'\'', len(r"\""))
print(r"\N{DASH}", len(rb"\N"))
print(f"{x}" f"{x}" "plain" rf"{x}\x")
