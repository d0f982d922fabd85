# print(): sep, end, file, flush, None values, non-string sep errors.
import sys, io
print("a", "b", "c")
print("a", "b", sep="")
print("a", "b", sep=" | ", end=" END\n")
print()
print(sep="-")
print(1, 2, sep=None, end=None)
print("to stderr", file=sys.stderr)
buf = io.StringIO()
print("into", "buffer", file=buf, sep="_")
print(repr(buf.getvalue()))
print("flushed", flush=True)
print(*range(5), sep=", ")
print("no newline", end="")
print(" continued")
try:
    print("x", sep=5)
except TypeError as e:
    print(e)
try:
    print("x", end=[])
except TypeError as e:
    print(e)
print(None, True, 1.0, [None], sep="\t")
print(file=None)
class W:
    def write(self, s):
        sys.stdout.write(f"<{s}>")
print("custom", "writer", file=W())
print()
