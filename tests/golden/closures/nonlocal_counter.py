# nonlocal for counters and accumulators; several levels; nonlocal binding errors at compile time.
def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter()
print(c(), c(), c(10))
def three_levels():
    a = "level1"
    def level2():
        def level3():
            nonlocal a
            a = "changed by level3"
        level3()
    level2()
    return a
print(three_levels())
for src in ["def f():\n    nonlocal x\n", "nonlocal y\n", "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(e.msg)
def param_nonlocal(p):
    def g():
        nonlocal p
        p += 1
        return p
    return g
g = param_nonlocal(10)
print(g(), g())
