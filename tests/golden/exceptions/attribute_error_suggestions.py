# AttributeError messages and "Did you mean" suggestions (rendered when uncaught, and via traceback).
import traceback
class Config:
    def __init__(self):
        self.verbose = True
        self.timeout = 10
    def reload(self): pass
c = Config()
def show(fn):
    try:
        fn()
    except AttributeError as e:
        print("str:", e, "| name:", e.name, "| obj is set:", e.obj is not None)
        print("".join(traceback.format_exception_only(e)), end="")
show(lambda: c.verbos)
show(lambda: c.timout)
show(lambda: c.relaod())
show(lambda: c.xyz)
show(lambda: "abc".uper())
show(lambda: [].apend(1))
show(lambda: (5).real2)
show(lambda: Config.nothing)
show(lambda: None.attr)
import math
show(lambda: math.sqr)
show(lambda: math.no_such_thing_at_all)
class Slotted:
    __slots__ = ("alpha",)
show(lambda: Slotted().alpha)
show(lambda: Slotted().alpah)
