# KeyboardInterrupt is a BaseException: not caught by "except Exception", caught by bare except.
def work():
    raise KeyboardInterrupt
try:
    try:
        work()
    except Exception:
        print("wrongly caught by Exception")
except KeyboardInterrupt:
    print("caught KeyboardInterrupt explicitly")
try:
    work()
except:
    print("caught by bare except")
print(issubclass(KeyboardInterrupt, Exception), KeyboardInterrupt.__mro__)
for cls in [GeneratorExit, SystemExit, KeyboardInterrupt, BaseExceptionGroup]:
    print(cls.__name__, issubclass(cls, Exception), issubclass(cls, BaseException))
