# SystemExit raised in finally replaces an in-flight exception; the exit code comes from SystemExit.
import sys
def work():
    try:
        raise ValueError("will be replaced")
    finally:
        print("finally: exiting with 4")
        sys.exit(4)
work()
