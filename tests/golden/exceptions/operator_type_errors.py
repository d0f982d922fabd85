# TypeError messages from operators on incompatible types.
cases = ["1 + 'a'", "'a' + 1", "[] + ()", "1 - 'a'", "{} | []", "None + 1", "-'a'", "~1.5", "+[]", "'a' * 'b'", "[1] * [2]",
         "1 < 'a'", "[] > {}", "None >= None", "1 @ 2", "'%d' % 'x'", "1 in 5", "'a' in 5", "FIVE[0]", "NONE[0]", "len(5)",
         "(1).x", "{}[[]]", "hash([])", "1 << 'a'", "2 ** 'x'", "abs('a')", "ABC['x']", "b'a' + 'b'", "object() + object()",
         "divmod('a', 2)", "round('a')", "iter(1)", "next(1)", "{1, 2} + {3}", "int.__add__('a', 1)"]
for c in cases:
    try:
        eval(c, {'FIVE': 5, 'NONE': None, 'ABC': 'abc'})
        print(f"{c:22} no error")
    except (TypeError, AttributeError) as e:
        print(f"{c:22} {type(e).__name__}: {e}")
