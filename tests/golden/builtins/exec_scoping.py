# exec/eval scoping: exec in a function cannot create locals; separate globals/locals; class-like namespaces.
def f():
    exec("x = 5")
    try:
        return x
    except NameError as e:
        return f"NameError: {e}"
print(f())
def g():
    ns = {}
    exec("y = 10\nz = y * 2", ns)
    return ns["z"]
print(g())
g_ns, l_ns = {"a": 1}, {}
exec("b = a + 1\ndef h():\n    return b\nc = 0", g_ns, l_ns)
print(sorted(l_ns), "b" in g_ns)
try:
    l_ns["h"]()
except NameError as e:
    print("function sees globals only:", e)
class Locals(dict):
    def __getitem__(self, k):
        if k == "magic":
            return "from custom mapping"
        return super().__getitem__(k)
print(eval("magic", {}, Locals()))
code = compile("total = sum(range(n))", "<calc>", "exec")
for n in (3, 5):
    ns = {"n": n}
    exec(code, ns)
    print(ns["total"])
exec("import math\nr = math.floor(2.5)", ns)
print(ns["r"], "math" in ns)
print(eval("(lambda: v)()", {"v": "closure over exec globals"}))
