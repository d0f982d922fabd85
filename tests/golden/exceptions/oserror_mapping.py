# OSError subclasses chosen by errno; attributes errno/strerror/filename; aliases.
import errno, os
for code in [errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EISDIR, errno.ENOTDIR, errno.EPIPE, errno.EINTR, errno.ECHILD, errno.ETIMEDOUT, errno.ECONNREFUSED, 12345]:
    e = OSError(code, "message")
    print(code == 12345 or errno.errorcode[code], type(e).__name__, e.errno, e.strerror)
print(IOError is OSError, EnvironmentError is OSError, issubclass(FileNotFoundError, OSError))
try:
    os.stat("/definitely/not/here")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, str(e))
try:
    os.mkdir("/")
except FileExistsError as e:
    print(type(e).__name__, e.errno, str(e))
try:
    os.rename("/nonexistent_a", "/nonexistent_b")
except OSError as e:
    print(e.filename, e.filename2, str(e))
print(str(OSError("just a message")), OSError("a", "b", "c").errno, repr(FileNotFoundError(2, "x")))
