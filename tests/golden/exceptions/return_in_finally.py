# return/break/continue in finally swallow exceptions and override returns (with SyntaxWarning in 3.14).
import warnings
warnings.simplefilter("ignore", SyntaxWarning)
src = '''
def override():
    try:
        return "try"
    finally:
        return "finally"
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
def loop():
    out = []
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            out.append(i)
            continue
    return out
def brk():
    while True:
        try:
            raise KeyError
        finally:
            break
    return "broke out"
'''
ns = {}
exec(compile(src, "<finally>", "exec"), ns)
print(ns["override"](), ns["swallow"](), ns["loop"](), ns["brk"]())
def side_effects():
    x = []
    try:
        x.append(1)
        return x
    finally:
        x.append(2)
print(side_effects())
def value_captured():
    v = "before"
    try:
        return v
    finally:
        v = "after"
print(value_captured())
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    compile("def f():\n    try:\n        pass\n    finally:\n        return 1\n", "<w>", "exec")
    print([(x.category.__name__, str(x.message)) for x in w])
