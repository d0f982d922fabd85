# A suspended generator's finally block runs when the generator is deleted (refcount hits zero).
def g(name):
    try:
        yield 1
        yield 2
    finally:
        print("finally", name)
a = g("a")
next(a)
print("deleting a")
del a
print("after del")
def consume_partially():
    for x in g("loop"):
        print("loop got", x)
        break
    print("after break")
consume_partially()
b = g("b")
print("never started, deleting")
del b
c = g("c")
list(c)
print("exhausted c")
