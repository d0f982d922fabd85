# The format-spec mini-language on int, float, str: every field.
cases = [
    (1234.5678, ["", "f", ".2f", "10.1f", "<10.1f", "^12.3e", "+.2%", "_.2f", ",.3f", "g", ".3g", "#.3g", "010.2f", "=+12.2f", "n", "z.1f", "a"]),
    (-42, ["", "d", "5d", "<5d", "^7d", "+d", " d", "x", "#X", "#o", "#b", "08b", "_b", ",", "e", ".2f", "%", "c"]),
    (0, ["c", "+", "#x", "08,d"]),
    ("text", ["", "s", "10", ">10", "^10", "*<7", ".2", "10.3", "=10"]),
    (float("nan"), ["", "f", "+f", "08.2f", "e", "%"]),
    (float("-inf"), ["", "010f", "g"]),
    (1e16, ["", "g", ".17g", "f"]),
    (123, ["07,", "_x", ",b"]),
]
for v, specs in cases:
    for spec in specs:
        try:
            print(repr(v), repr(spec), repr(format(v, spec)))
        except (ValueError, TypeError, OverflowError) as e:
            print(repr(v), repr(spec), type(e).__name__, e)
