# re: match/search/fullmatch, groups, named groups, findall/finditer, sub with functions, split, flags.
import re
m = re.match(r"(\w+)@(\w+)\.com", "alice@example.com is here")
print(m.group(), m.group(1, 2), m.groups(), m.span(2), m.start(), m.end())
print(re.search(r"\d+", "abc 123 def 45").group(), re.fullmatch(r"\d+", "123a"), re.match("b", "abc"))
m = re.search(r"(?P<year>\d{4})-(?P<month>\d\d)", "date: 2024-03-15")
print(m["year"], m.group("month"), m.groupdict(), m.lastgroup)
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2 c"), [m.span() for m in re.finditer(r"o", "foo boo")])
print(re.sub(r"\s+", " ", "a   b \t\n c"), re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"), re.subn("a", "A", "banana"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "x1 y20 z300"), re.sub("a", "b", "aaa", count=2))
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(-)", "1-2-3"), re.split(r"x*", "axbc"), re.split(",", "a,b,c", maxsplit=1))
print(re.findall(r"^\w", "one\ntwo\nthree", re.M), re.findall(r"a.c", "a\nc abc", re.S), re.match(r"HELLO", "hello", re.I).group())
p = re.compile(r"""
    (\d{3})   # area
    [-.]?
    (\d{4})   # number
""", re.VERBOSE)
print(p.findall("555-1234 and 555.9876 and 5551111"), p.pattern.count("\n"), p.groups, p.flags & re.VERBOSE != 0)
print(re.escape("a.b*c?"), re.findall(r"(?<=\$)\d+", "$10 and $20"), re.findall(r"\b\w+(?=ing\b)", "running jumping sat"))
print(re.match(r"(a)|(b)", "b").groups(), re.match(r"(a)?b", "b").group(1), re.findall(r"(?:ab)+", "ababab x ab"))
print(re.findall(r"<.*?>", "<a><b>"), re.findall(r"<.*>", "<a><b>"), re.match(r"(\w+) \1", "bye bye").group())
try:
    re.compile("(unclosed")
except re.error as e:
    print(type(e).__name__, e, e.pos)
print(re.sub(r"(?P<w>\w+)", r"<\g<w>>", "ab cd"), re.fullmatch(r"[\u00e9\w]+", "café").group())
