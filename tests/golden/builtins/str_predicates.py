# str predicate methods across ASCII and Unicode inputs.
tests = ["abc", "ABC", "Abc", "123", "½", "²", "٣", "abc123", "", " ", "\t\n", "a b", "_x", "x1", "1x", "é", "日本", "Ⅷ", "\x00", "class"]
preds = ["isalpha", "isalnum", "isdigit", "isdecimal", "isnumeric", "isspace", "islower", "isupper", "istitle", "isidentifier", "isprintable", "isascii"]
print(" ".join(p[2:6] for p in preds))
for s in tests:
    print(repr(s).ljust(8), " ".join("T" if getattr(s, p)() else "." for p in preds))
import keyword
print(keyword.iskeyword("class"), keyword.iskeyword("match"), keyword.issoftkeyword("match"))
