# global declarations: in nested functions, before use, for names never assigned at module level, with del.
def make_global():
    global g1
    g1 = "from function"
def delete_global():
    global g1
    del g1
make_global()
print(g1)
delete_global()
print("g1" in globals())
def nested():
    def inner():
        global g2
        g2 = "inner global"
    inner()
nested()
print(g2)
counter = 0
def bump_many(n):
    global counter
    for _ in range(n):
        counter += 1
bump_many(5)
print(counter)
try:
    compile("def f():\n    x = 1\n    global x\n", "<s>", "exec")
except SyntaxError as e:
    print(e.msg)
try:
    compile("def f(a):\n    global a\n", "<s>", "exec")
except SyntaxError as e:
    print(e.msg)
