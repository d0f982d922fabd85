# Evaluation order of operands, call arguments, subscripts, assignments, dict displays.
def p(x):
    print("eval", x)
    return x
p(1) + p(2) * p(3)
p("f")(p("a1"), p("a2"), k=p("kw")) if False else None
def f(*a, **k):
    return a
print(p(f.__name__) and f(p(1), *p([2]), k=p(3), **p({"z": 4})))
d = {}
d[p("k")] = p("v")
class O: pass
o = O()
o.attr = p("attr value")
lst = [0, 0]
lst[p(0)], lst[p(1)] = p(10), p(11)
print(lst)
x = [1, 2]
x[p(0)] += p(5)
print(x)
print(p(1) if p(True) else p(2))
print(p([1, 2])[p(0)])
print(p("a") < p("b") < p("c"))
print(p(2) ** p(3))
def default(v=p("default evaluated at def")):
    return v
print(default())
