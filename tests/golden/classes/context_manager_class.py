# Context manager classes: __exit__ arguments, suppression via truthy return, exceptions in __enter__.
class Tx:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("begin", self.name)
        return self
    def __exit__(self, et, ev, tb):
        if et is None:
            print("commit", self.name)
        else:
            print("rollback", self.name, et.__name__, ev, tb is not None)
        return et is KeyError
with Tx("one"):
    pass
with Tx("two"):
    raise KeyError("k")
try:
    with Tx("three"):
        raise ValueError("v")
except ValueError:
    print("ValueError propagated")
class FailEnter:
    def __enter__(self): raise RuntimeError("enter failed")
    def __exit__(self, *a): print("exit should not run"); return True
try:
    with FailEnter():
        print("body should not run")
except RuntimeError as e:
    print(e)
class NoExit:
    def __enter__(self): return self
try:
    with NoExit():
        pass
except TypeError as e:
    print(e)
class ExitRaises:
    def __enter__(self): return self
    def __exit__(self, *a): raise OSError("exit failed")
try:
    with ExitRaises():
        raise ValueError("original")
except OSError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
