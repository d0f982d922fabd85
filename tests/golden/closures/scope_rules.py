# LEGB lookup order: local, enclosing, global, builtin; shadowing builtins; class scope skipped.
x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(outer())
def local_shadow():
    x = "local"
    return x
print(local_shadow(), x)
def builtin_shadow():
    len = lambda s: "shadowed len"
    return len("abc")
print(builtin_shadow(), len("abc"))
def reads_global():
    return x
x = "global changed later"
print(reads_global())
class K:
    y = "class y"
    def method(self):
        try:
            return y
        except NameError as e:
            return f"NameError: {e}"
print(K().method())
def comprehension_scope():
    z = "enclosing z"
    return [z for _ in range(1)]
print(comprehension_scope())
def conditional_global(flag):
    if flag:
        global late_global
        late_global = "set"
conditional_global(True)
print(late_global)
