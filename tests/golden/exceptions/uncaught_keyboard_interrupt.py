# An uncaught KeyboardInterrupt prints its traceback and ends the process the way SIGINT would.
def loop():
    print("working")
    raise KeyboardInterrupt
try:
    loop()
except Exception:
    print("not reached: KeyboardInterrupt is not an Exception")
