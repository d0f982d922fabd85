# Walrus scoping rules: comprehension targets bind in the enclosing function; forbidden forms are SyntaxErrors.
def f():
    results = [y := x * 2 for x in range(3)]
    return results, y
print(f())
def g():
    if any((hit := n) > 5 for n in [1, 7, 3]):
        return hit
print(g())
for src in ["[i := 0 for i in range(3)]", "[x for x in (y := [1])]", "x := 1", "def f(a := 1): pass", "(a.b := 1)",
            "class K:\n    [z := 1 for _ in range(1)]", "lambda: (q := 1)", "print(w := 5)"]:
    try:
        compile(src, "<w>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "SyntaxError:", e.msg)
