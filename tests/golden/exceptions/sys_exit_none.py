# sys.exit() / sys.exit(None) / sys.exit(0) exit with status 0; SystemExit attributes.
import sys
for arg in [(), (None,), (0,), (5,), ("text",), ([1],)]:
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(arg, repr(e.code), e.args)
try:
    sys.exit(1, 2)
except TypeError as e:
    print(e)
print(SystemExit(1, 2).code, SystemExit().code)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
try:
    raise SystemExit
except Exception:
    print("not reached")
except BaseException as e:
    print("BaseException caught", repr(e.code))
sys.exit()
