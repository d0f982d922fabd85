# sys.exit(n) sets the exit status; finally blocks run; nothing printed to stderr.
import sys
try:
    print("exiting with 3")
    sys.exit(3)
finally:
    print("finally runs")
print("unreachable")
