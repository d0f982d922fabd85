# str case methods: upper/lower/title/capitalize/swapcase/casefold on ASCII and Unicode.
for s in ["hello world", "HELLO", "mIxEd CaSe", "they're bill's", "ﬁne ǆ", "straße", "ΣΑΣ σας", "123abc", ""]:
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print("ΑΣ".lower(), "ΑΣ Σ".lower(), "aΣb".lower())
print("hello"[0].upper() + "hello"[1:], "x".isupper(), "X".isupper(), "Title Case".istitle(), "Not title".istitle())
