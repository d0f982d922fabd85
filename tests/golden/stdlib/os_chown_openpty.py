# os.chown/fchown/lchown (uid/gid conversion and errors) and os.openpty.
import os, tempfile
for a in [('x',), (2**40,), (-2,), (2**70,), (-2**70,)]:
    try: os.chown('/nonexist', *(a*2))
    except Exception as e: print(type(e).__name__, e)
for f, a in [(os.chown, ('/nonexist', -1, -1)), (os.fchown, (9999, 0, 0)), (os.lchown, ('/nonexist', 0, 0)), (os.chown, ('/nonexist', 0)), (os.fchown, (1, 'a', 0))]:
    try: f(*a)
    except Exception as e: print(f.__name__, type(e).__name__, e)
with tempfile.NamedTemporaryFile() as t:
    st = os.stat(t.name)
    os.chown(t.name, st.st_uid, st.st_gid); os.chown(t.name, -1, -1); os.lchown(t.name, -1, st.st_gid)
    os.fchown(t.fileno(), st.st_uid, -1); os.chown(t.fileno(), -1, -1)
    os.chown(t.name, -1, -1, follow_symlinks=False)
    print(os.stat(t.name).st_uid == st.st_uid)
m, s = os.openpty(); print(os.get_inheritable(m), os.get_inheritable(s), os.isatty(s), os.isatty(m))
os.write(m, b'hi\n'); print(os.read(s, 10))
os.close(m); os.close(s)
