# open(): text and binary modes, encodings, seek/tell, iteration, with-blocks, errors.
import os, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, "f.txt")
with open(p, "w", encoding="utf-8") as f:
    print(f.write("héllo\nworld\n"), f.mode, f.closed)
    f.write("third")
print(f.closed)
with open(p, encoding="utf-8") as f:
    print(repr(f.read()))
with open(p, "rb") as f:
    data = f.read()
    print(data, len(data), f.tell())
    f.seek(1)
    print(f.read(2))
with open(p, encoding="utf-8") as f:
    print([line for line in f])
with open(p, encoding="utf-8") as f:
    print(f.readline(), f.readlines())
with open(p, "a", encoding="utf-8") as f:
    f.write("\nappended")
with open(p, encoding="utf-8") as f:
    print(f.read().splitlines()[-1])
with open(p, "r+b") as f:
    f.seek(0, 2)
    print(f.tell())
    f.write(b"!")
print(os.path.getsize(p))
try:
    open(os.path.join(d, "missing.txt"))
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror)
try:
    open(p, "rw")
except ValueError as e:
    print(e)
with open(p, "w", newline="") as f:
    f.write("a\r\nb")
with open(p, "rb") as f:
    print(f.read())
with open(p) as f:
    print(repr(f.read()))
f = open(p)
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
os.remove(p)
os.rmdir(d)
print(os.path.exists(p))
