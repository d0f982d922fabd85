# Interpreter exit does not wait for daemon threads blocked forever; non-daemon threads are joined.
import threading
never = threading.Event()
def blocked():
    never.wait()
    print("daemon should never print")
threading.Thread(target=blocked, daemon=True).start()
main_done = threading.Event()
def finisher():
    main_done.wait()
    print("non-daemon thread finished: the interpreter waited for it")
threading.Thread(target=finisher).start()
print("main thread done")
main_done.set()
