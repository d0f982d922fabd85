# io.IncrementalNewlineDecoder and universal-newline text files; io.open as a class attribute.
import codecs
import io
import os
import tempfile


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), d.getstate())
print(repr(d.decode("\nb\r", final=True)), d.newlines)
d.reset()
print(d.newlines, d.getstate())
d = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder("utf-8")(), False)
print(repr(d.decode(b"x\r\xc3")), d.getstate())
print(repr(d.decode(b"\xa9\n", True)), d.newlines)
d.setstate((b"", 1))
print(repr(d.decode(b"", True)))
show(lambda: io.IncrementalNewlineDecoder.__new__(io.IncrementalNewlineDecoder).decode("x"))
show(lambda: d.setstate(1))
show(lambda: io.IncrementalNewlineDecoder(None, True).decode(b"x"))


class Opener:
    open = io.open  # a builtin: not bound as a method


path = os.path.join(tempfile.mkdtemp(), "nl.txt")
with Opener().open(path, "w", newline="") as f:
    f.write("a\r\nb\rc\nd")
for nl in (None, "", "\n", "\r", "\r\n"):
    with open(path, newline=nl) as f:
        lines = f.readlines()
        print(repr(nl), lines, f.newlines if nl in (None, "") else "")
os.unlink(path)
print(open, io.open_code, io.text_encoding("utf-8"))
