# except* (PEP 654): matching parts of groups, unhandled remainder re-raised, naked exceptions wrapped.
def run(exc):
    try:
        try:
            raise exc
        except* ValueError as g:
            print("  ValueError handler:", repr(g))
        except* (TypeError, KeyError) as g:
            print("  Type/Key handler:", [type(e).__name__ for e in g.exceptions])
    except BaseException as leftover:
        print("  leftover:", repr(leftover))
print("group:")
run(ExceptionGroup("g", [ValueError(1), TypeError(2), KeyError(3), OSError(4)]))
print("naked ValueError:")
run(ValueError("naked"))
print("naked OSError:")
run(OSError("unmatched"))
print("nested:")
run(ExceptionGroup("outer", [ExceptionGroup("inner", [ValueError("deep")]), TypeError("t")]))
try:
    try:
        raise ExceptionGroup("g", [ValueError("a")])
    except* ValueError:
        raise RuntimeError("raised in handler")
except (ExceptionGroup, RuntimeError) as e:
    print(repr(e), repr(e.__context__))
try:
    try:
        raise ExceptionGroup("g", [ValueError("a"), ValueError("b")])
    except* ValueError as g:
        raise
except ExceptionGroup as e:
    print("re-raised:", repr(e))
try:
    compile("try:\n    pass\nexcept* ExceptionGroup:\n    pass\n", "<s>", "exec")
except SyntaxError as e:
    print("compile-time:", e.msg)
def star_group_runtime(t):
    try:
        raise ValueError
    except* t:
        pass
try:
    star_group_runtime(ExceptionGroup)
except TypeError as e:
    print(e)
