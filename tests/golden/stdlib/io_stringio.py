# io.StringIO: writes, reads, seeks, newline modes, closed checks and pickling (C semantics).
import io
import pickle


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


s = io.StringIO()
for i in range(3):
    print("line", i, file=s)
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(s.readline(), end="")
print(s.readlines())
print(list(io.StringIO("a\nb\nc")))
s = io.StringIO("hello world")
print(s.read(5), repr(s.read(1)), s.read(), repr(s.read()))
s.seek(3)
s.write("XY")
print(s.getvalue(), s.tell())
s.seek(20)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())

for nl in (None, "", "\n", "\r", "\r\n"):
    s = io.StringIO("a\r\nb\rc\nd", newline=nl)
    print(repr(nl), repr(s.getvalue()), s.readlines(), s.newlines)

s = io.StringIO()
show(lambda: s.write(1))
show(lambda: s.seek(-1))
show(lambda: s.seek(1, 1))
show(lambda: s.seek(0, 3))
show(lambda: s.read("x"))
show(lambda: s.truncate(-1))
show(lambda: io.StringIO(newline="x"))
show(lambda: io.StringIO(newline=1))
show(lambda: io.StringIO(b"x"))
show(lambda: s.detach())
show(lambda: s.fileno())
print(s.readable(), s.writable(), s.seekable(), s.isatty(), s.encoding, s.errors, s.line_buffering)
s.close()
print(s.closed)
show(lambda: s.read())
show(lambda: s.getvalue())
show(lambda: s.newlines)
show(lambda: iter(s))
show(lambda: next(s))

s = io.StringIO("x\ny", newline=None)
s.seek(2)
t = pickle.loads(pickle.dumps(s))
print(repr(t.getvalue()), t.tell(), t.readline())
print(s.__getstate__())
with io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)
print(isinstance(io.StringIO(), io.TextIOBase), issubclass(io.StringIO, io.IOBase))


class Sub(io.StringIO):
    def readline(self, size=-1):
        return super().readline(size).upper()


print(list(Sub("ab\ncd\n")))


class Uninit(io.StringIO):
    def __init__(self):
        pass


show(lambda: Uninit().read())
