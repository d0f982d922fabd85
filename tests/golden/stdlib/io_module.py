# io.StringIO and io.BytesIO: read/write/seek/tell, readline iteration, getvalue, newline handling, TextIOWrapper.
import io
s = io.StringIO()
print(s.write("hello\n"), s.write("world"), s.tell())
s.seek(0)
print(repr(s.read(3)), repr(s.readline()), repr(s.read()), repr(s.read()))
print(repr(s.getvalue()), s.seek(0, 2), s.closed)
s2 = io.StringIO("a\nb\r\nc")
print(list(s2), io.StringIO("x\ny").readlines())
b = io.BytesIO(b"0123456789")
print(b.read(4), b.tell(), b.seek(-2, 2), b.read(), b.getbuffer().nbytes)
b.seek(2)
b.write(b"XY")
print(b.getvalue())
t = io.TextIOWrapper(io.BytesIO("héllo\nwörld\n".encode("utf-8")), encoding="utf-8")
print(t.readline(), t.read(), t.encoding)
w = io.BytesIO()
tw = io.TextIOWrapper(w, encoding="latin-1", newline="\r\n")
tw.write("line1\nline2\n")
tw.flush()
print(w.getvalue())
s.close()
try:
    s.write("x")
except ValueError as e:
    print(e)
with io.StringIO("ctx") as c:
    print(c.read())
print(c.closed)
