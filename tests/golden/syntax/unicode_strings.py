# Unicode in strings: lengths, indexing by code point, case mapping, normalization-free compare.
s = "héllo wörld ñ 日本語 😀"
print(len(s), s[1], s[-1], s[12:15])
print(s.upper(), s.title())
print("ß".upper(), "ǅ".lower(), "ǆ".title(), "İ".lower(), len("İ".lower()))
print("e\u0301" == "é", len("e\u0301"))
print([hex(ord(c)) for c in "aé日😀"])
print(chr(0x1F600), chr(233), ascii("日本"))
print("日本語".encode("utf-8"), "é".encode("latin-1"), "😀".encode("utf-16-le"))
print(b"\xe6\x97\xa5".decode("utf-8"), "straße".casefold())
print("Ⅻ".isnumeric(), "²".isdigit(), "²".isdecimal(), "٣".isdecimal(), int("٣"))
print(sorted(["b", "A", "é", "a", "Z"]))
