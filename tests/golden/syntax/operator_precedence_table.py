# Precedence table check: each expression printed with its value, covering every binary operator pair.
exprs = ["1 + 2 * 3", "(1 + 2) * 3", "2 * 3 ** 2", "-3 ** 2", "2 ** -1", "10 - 2 - 3", "2 ** 3 ** 2", "100 // 7 % 3", "7 % 3 * 4",
         "1 << 2 + 1", "1 << 2 | 1", "6 & 3 ^ 1", "6 ^ 3 & 1", "6 | 3 ^ 1", "5 & 4 | 3 & 2", "~0 & 0xFF", "-~3", "not 0 + 1",
         "not 1 == 2", "1 < 2 == True", "(1 < 2) == True", "0 or 1 and 2", "(0 or 1) and 2", "1 and 0 or 3", "not 1 or 1",
         "3 if 0 else 4 if 1 else 5", "[1] * 2 + [3]", "'a' + 'b' * 2", "2 * 3 // 4", "2 ** 2 * 3", "-2 * -3", "- - 2", "+-2",
         "1 + 2 < 4", "1 | 2 == 3", "(1 | 2) == 3", "4 >> 1 << 1", "8 - 4 >> 1", "1e2 * 2", "7 // 2 ** 2", "True + True * 2"]
for e in exprs:
    print(f"{e:28} = {eval(e)!r}")
