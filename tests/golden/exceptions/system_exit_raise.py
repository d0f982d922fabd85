# raise SystemExit(code) with non-int codes: a list is printed to stderr, exit status 1; atexit still runs.
import atexit
atexit.register(print, "atexit handler ran")
print("raising")
raise SystemExit(["not", "an", "int"])
