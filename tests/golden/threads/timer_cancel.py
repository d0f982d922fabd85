# threading.Timer: a cancelled timer never fires; a zero-delay timer fires once and can be joined.
import threading
fired = []
t = threading.Timer(30.0, fired.append, args=["late"])
t.start()
t.cancel()
t.join()
print(fired, t.is_alive(), t.finished.is_set())
t2 = threading.Timer(0.0, fired.append, args=["now"])
t2.start()
t2.join()
print(fired)
