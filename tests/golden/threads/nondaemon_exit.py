# At exit the interpreter waits for non-daemon threads (threading._shutdown), then runs
# atexit callbacks; threading._register_atexit hooks run before the threads are joined.
import atexit
import threading
import time

done = threading.Event()

def slow():
    time.sleep(0.2)
    print("non-daemon thread finished")
    done.set()

def on_exit():
    print("atexit callback, thread done:", done.is_set())

atexit.register(on_exit)
threading._register_atexit(lambda: print("threading atexit hook"))
threading.Thread(target=slow).start()
print("main body ends")
