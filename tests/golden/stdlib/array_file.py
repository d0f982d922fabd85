# array: fromfile and tofile with binary files.
import array
import io
import os
import tempfile

a = array.array('i', range(5))
buf = io.BytesIO()
a.tofile(buf)
print(buf.getvalue()[:8], len(buf.getvalue()))
buf.seek(0)
b = array.array('i')
b.fromfile(buf, 3)
print(b)
try:
    b.fromfile(buf, 5)
except EOFError as e:
    print('EOFError', e, b)
for stmt in ['b.fromfile(buf, -1)', 'b.fromfile(io.StringIO("x"), 1)', 'b.tofile(1)']:
    try:
        exec(stmt)
        print(stmt, 'ok')
    except Exception as e:
        print(stmt, type(e).__name__, e)
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, 'data')
    with open(p, 'wb') as f:
        array.array('d', [1.5, 2.5]).tofile(f)
        array.array('d').tofile(f)
    with open(p, 'rb') as f:
        c = array.array('d')
        c.fromfile(f, 2)
    print(c, os.path.getsize(p))
