# BaseException.add_note and __notes__, including rendering via traceback and errors.
import traceback
e = ValueError("base message")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, str(e))
print("".join(traceback.format_exception_only(e)), end="")
try:
    e.add_note(42)
except TypeError as err:
    print(err)
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        k.add_note("context added while handling")
        raise
except KeyError as k:
    print(k.__notes__)
e2 = RuntimeError("x")
e2.__notes__ = "not a list"
print("".join(traceback.format_exception_only(e2)), end="")
e3 = RuntimeError("y")
e3.__notes__ = ["a", 1]
print("".join(traceback.format_exception_only(e3)), end="")
