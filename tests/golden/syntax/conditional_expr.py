# Conditional expressions and truthiness evaluation order.
def t(x):
    print("eval", x)
    return x
print(t(1) if t(True) else t(2))
print(t(1) if t(0) else t(2))
for v in [0, 1, "", "a", [], [0], None, 0.0, {}, set(), ()]:
    print(repr(v), "yes" if v else "no")
print(t(0) or t(""), t(1) and t(2), t(0) and t(9), t(3) or t(9))
x = 5
print("big" if x > 10 else "mid" if x > 3 else "small")
