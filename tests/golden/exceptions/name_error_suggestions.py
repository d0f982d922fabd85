# NameError messages and suggestions: globals, locals, builtins, self attributes, stdlib module names.
import traceback
def show(src, ns=None):
    try:
        exec(src, ns if ns is not None else {})
    except NameError as e:
        print(repr(e.name), "|", traceback.format_exception(e)[-1], end="")
show("prnt('x')")
show("lenght = 1\nlength")
show("my_variable = 1\nmy_varable")
show("totally_unknown_name")
show("def f():\n    counter = 1\n    return countr\nf()")
show("class A:\n    def __init__(self):\n        self.blech = 1\n    def f(self):\n        return blech\nA().f()")
show("math.pi")
show("sys.argv")
show("Tru")
show("isinstance(1, itn)")
show("def g():\n    x\ng()")
