# threading.ExceptHookArgs and the default hook's output for a thread without a name attribute.
import sys
import threading

print(threading.ExceptHookArgs is __import__("_thread")._ExceptHookArgs)
try:
    raise KeyError("k")
except KeyError as err:
    e = err
    args = threading.ExceptHookArgs([type(e), e, e.__traceback__, None])
print(type(args).__name__, args.exc_type.__name__, args.thread, len(args))

class FakeThread:
    name = "fake-worker"

sys.stderr = sys.stdout
threading.excepthook(threading.ExceptHookArgs([type(e), e, e.__traceback__, FakeThread()]))
threading.excepthook(threading.ExceptHookArgs([SystemExit, SystemExit(2), None, None]))
try:
    threading.excepthook(("not", "args", None, None))
except TypeError as e:
    print("TypeError:", e)
