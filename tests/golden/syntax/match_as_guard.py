# match: AS patterns, guards with side effects, binding on failed alternatives.
def f(cmd):
    match cmd.split():
        case ["go", ("north" | "south") as direction]:
            return f"going {direction}"
        case ["drop", *objs] if len(objs) > 1:
            return f"dropping many {objs}"
        case ["drop", obj]:
            return f"dropping {obj}"
        case [("quit" | "exit") as word] | [word, "now"]:
            return f"leaving via {word}"
        case _:
            return "unknown"
for c in ["go north", "go west", "drop a b", "drop a", "quit", "stop now", "x y z"]:
    print(c, "->", f(c))
def check(x):
    print("guard checked", x)
    return x > 1
for v in [1, 2]:
    match v:
        case n if check(n):
            print("matched", n)
        case _:
            print("fallthrough", v)
match (1, 2):
    case (a, b) as whole:
        print(a, b, whole)
