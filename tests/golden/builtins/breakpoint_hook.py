# breakpoint() calls sys.breakpointhook with its arguments; PYTHONBREAKPOINT=0 disables the default hook.
import sys, os
calls = []
def hook(*args, **kwargs):
    calls.append((args, kwargs))
    return "hook result"
sys.breakpointhook = hook
print(breakpoint(1, key="v"), calls)
sys.breakpointhook = sys.__breakpointhook__
os.environ["PYTHONBREAKPOINT"] = "0"
print(breakpoint())
os.environ["PYTHONBREAKPOINT"] = "builtins.print"
breakpoint("routed", "to print")
def bad_hook():
    raise RuntimeError("hook failed")
sys.breakpointhook = bad_hook
try:
    breakpoint()
except RuntimeError as e:
    print(e)
