# Comprehensions in class bodies (PEP 709 inlining keeps class-scope semantics).
class A:
    x = 5
    y = [x for _ in range(2)] if False else None
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        bad = [x * i for i in items]
    except NameError as e:
        error = str(e)
    pairs = {k: v for k, v in zip("ab", items)}
print(A.doubled, A.error, A.pairs)
x = "module x"
class B:
    x = "class x"
    seen = [x for _ in range(1)]
print(B.seen)
def f():
    v = "function v"
    class C:
        v = "class v"
        got = [v for _ in range(1)]
    return C.got
print(f())
