# An exception in a thread goes to threading.excepthook (printed to stderr); the main thread continues.
import threading
def boom():
    raise ValueError("thread failure")
t = threading.Thread(target=boom, name="failing-thread")
t.start()
t.join()
print("main continues, alive:", t.is_alive())
captured = []
def hook(args):
    captured.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
threading.excepthook = hook
t2 = threading.Thread(target=boom, name="hooked")
t2.start(); t2.join()
print(captured)
threading.excepthook = threading.__excepthook__
def exits():
    raise SystemExit(3)
t3 = threading.Thread(target=exits)
t3.start(); t3.join()
print("SystemExit in a thread is silent")
