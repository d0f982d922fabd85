# mmap: file-backed, anonymous, read-only and copy-on-write maps; slicing, file-like methods,
# find/rfind/move/resize/flush, memoryview export, and the error messages.
import mmap, os, tempfile
def t(f, *a, **k):
    try: print(repr(f(*a, **k))[:120])
    except Exception as e: print(type(e).__name__, e)
path = os.path.join(tempfile.mkdtemp(), "data")
with open(path, 'wb') as f: f.write(b'hello world\nsecond line\nthird\n' + b'\0' * 100)
f = open(path, 'r+b')
m = mmap.mmap(f.fileno(), 0)
print(len(m), m[:5], m[0], m[-1], m[6:11], m[::10])
print(m.readline(), m.tell(), m.read(6), m.read_byte(), m.find(b'third'), m.rfind(b'l'), m.find(b'zz'), m.find(b'l', 5), m.find(b'd', 0, 5))
m.seek(0); m.write(b'HELLO'); print(m[:12], m.tell())
m[0] = 104; m[1:3] = b'EE'; print(m[:5])
t(m.seek, 1000); t(m.seek, 0, 3); t(m.__getitem__, 1000); t(m.__setitem__, 0, 300); t(m.__setitem__, slice(0, 2), b'abc')
t(lambda: m.__delitem__(0))
m.move(0, 6, 5); print(m[:12]); m.flush(); t(m.flush, 0, 10000)
print(m.size(), repr(m)[:60])
m.resize(200); print(len(m), m.size()); m.seek(0, 2); print(m.tell())
t(m.write, b'x'); t(m.read_byte); t(m.write_byte, 1)
mv = memoryview(m); print(mv[:5].tobytes()); t(m.close); mv.release(); m.close(); print(m.closed)
t(m.read); t(len, m); t(lambda: m[0])
with mmap.mmap(-1, 13) as a:
    a.write(b'Hello world!'); a.seek(0); print(a.read(), a.closed, repr(a)[:50])
print(a.closed, repr(a))
r = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
t(r.write, b'x'); t(r.__setitem__, 0, 1); t(r.resize, 10); print(r[:5])
c = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY); c[0] = 65; print(c[:3], open(path,'rb').read(3))
t(mmap.mmap, f.fileno(), 0, access=7); t(mmap.mmap, f.fileno(), 0, flags=mmap.MAP_SHARED, access=mmap.ACCESS_READ)
t(mmap.mmap, f.fileno(), -1); t(mmap.mmap, f.fileno(), 10, offset=-1); t(mmap.mmap, f.fileno(), 100000)
e = open(path + 'e', 'wb+'); t(mmap.mmap, e.fileno(), 0)
t(mmap.mmap, -1, 0)
print(mmap.ACCESS_READ, mmap.ACCESS_WRITE, mmap.ACCESS_COPY, mmap.PROT_READ, mmap.MAP_SHARED, mmap.PAGESIZE, mmap.error)
print(bytes(mmap.mmap(-1, 4)), b'\0\0' in mmap.mmap(-1, 4) if False else '')
f.close(); e.close(); os.unlink(path); os.unlink(path + 'e'); os.rmdir(os.path.dirname(path))

m = mmap.mmap(-1, 5); m[:] = b'abcde'
print(list(m)[:3], b'c' in m if hasattr(m, '__contains__') else 'nc', m[:], bytes(m))
import pickle
try: pickle.dumps(m)
except Exception as e: print(type(e).__name__, e)
class M(mmap.mmap): pass
print(len(M(-1, 10)), repr(M(-1, 3))[:20])
print(m.find(b''), m.rfind(b''), m.find(b'c', -3), m.seekable(), m.tell())
