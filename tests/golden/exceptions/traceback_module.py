# traceback module: format_exception, format_exc, extract_tb, print_exception to stdout, TracebackException.
import traceback, sys
def a():
    b()
def b():
    raise ValueError("deep problem")
try:
    a()
except ValueError as e:
    print("".join(traceback.format_exception(e)).replace("\n", "\n| "))
    summary = traceback.extract_tb(e.__traceback__)
    print([(fs.name, fs.lineno, fs.line) for fs in summary])
    print(traceback.format_exc().splitlines()[-1])
    traceback.print_exception(e, file=sys.stdout, limit=1)
    te = traceback.TracebackException.from_exception(e)
    print(list(te.format_exception_only()), te.exc_type_str if hasattr(te, "exc_type_str") else te.exc_type.__name__)
print(traceback.format_exception_only(KeyError, KeyError("k")))
def chained():
    try:
        {}["missing"]
    except KeyError as exc:
        raise RuntimeError("wrapped") from exc
try:
    chained()
except RuntimeError as e:
    lines = traceback.format_exception(e, chain=True)
    print(sum("direct cause" in l for l in lines), len(traceback.format_exception(e, chain=False)) < len(lines))
st = traceback.extract_stack()
print(st[-1].name, st[-1].lineno)
