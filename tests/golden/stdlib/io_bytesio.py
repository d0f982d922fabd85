# io.BytesIO: reads, writes, seeks, getbuffer exports, readinto and pickling (C semantics).
import io
import pickle


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


b = io.BytesIO(b"abc\ndef\nghi")
print(b.readline(), b.read(2), b.readlines(), b.read())
b.seek(0)
print(list(b))
b.seek(0, 2)
b.write(b"!")
print(b.getvalue(), b.tell())
b.seek(20)
b.write(bytearray(b"z"))
print(b.getvalue())
print(b.truncate(3), b.getvalue(), b.tell())
b.seek(-1, 2)
print(b.read())
show(lambda: b.seek(-1))
show(lambda: b.seek(0, 5))
show(lambda: b.write("s"))
show(lambda: b.readlines("x"))
show(lambda: io.BytesIO(b"a", 1))
show(lambda: io.BytesIO("abc"))

b = io.BytesIO(b"hello")
m = b.getbuffer()
m[0] = ord("j")
print(bytes(m), b.getvalue(), len(m))
show(lambda: b.write(b"x"))
show(lambda: b.truncate(0))
show(lambda: b.close())
m.release()
print(b.write(b"!"), b.getvalue())

buf = bytearray(3)
b = io.BytesIO(b"12345")
print(b.readinto(buf), buf, b.readinto(buf), buf, b.readinto(buf))
print(b.readable(), b.writable(), b.seekable(), b.isatty())
b.writelines([b"a", b"b"])
print(b.getvalue())
b.seek(1)
t = pickle.loads(pickle.dumps(b))
print(t.getvalue(), t.tell())
b.close()
print(b.closed)
show(lambda: b.read())
show(lambda: b.getbuffer())
show(lambda: iter(b) is b)
with io.BytesIO(b"ctx") as b:
    print(b.read())
print(isinstance(io.BytesIO(), io.BufferedIOBase), issubclass(io.BytesIO, io.IOBase))
