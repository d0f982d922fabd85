# str.format: positional/keyword/auto numbering, attribute and index fields, conversions, errors.
print("{} {}".format("a", "b"), "{1} {0} {1}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{0[1]} {0[key]} {1.real}".format({1: "one", "key": "k"}, 3 + 4j))
print("{!r} {!s} {!a}".format("é", "é", "é"))
print("{:>8} {:*^9} {:08.3f} {:,}".format("right", "mid", 3.14159, 10 ** 7))
print("{0:{1}}|{0:{fill}>{w}}".format("v", 5, fill=".", w=4))
print("{{}} {{{}}}".format("braced"))
class P:
    x = 10
    def __getitem__(self, k):
        return f"item {k!r}"
print("{0.x} {0[abc]} {0[3]}".format(P()))
for fmt, args, kw in [("{} {1}", (1, 2), {}), ("{2}", (1,), {}), ("{x}", (), {}), ("{", (), {}), ("}", (), {}),
                      ("{!z}", (1,), {}), ("{0.nope}", (1,), {}), ("{:d}", ("s",), {}), ("{0[5]}", ([1],), {})]:
    try:
        print(fmt.format(*args, **kw))
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as e:
        print(type(e).__name__, e)
print("{name}".format_map({"name": "mapped"}))
class Default(dict):
    def __missing__(self, k):
        return f"<{k}>"
print("{a} {b}".format_map(Default(a=1)))
print("{:}".format(5), "{0!r:>5}".format(1))
