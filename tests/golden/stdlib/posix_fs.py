# posix through os: stat_result, directories, scandir, fds, links, errors mapped by errno.
import os, stat, errno
base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_posix_fs_tmp")

def rmtree(p):
    if not os.path.lexists(p):
        return
    for root, dirs, files in os.walk(p, topdown=False):
        for f in files:
            os.unlink(os.path.join(root, f))
        for d in dirs:
            q = os.path.join(root, d)
            os.unlink(q) if os.path.islink(q) else os.rmdir(q)
    os.rmdir(p)

rmtree(base)
os.makedirs(os.path.join(base, "a", "b"))
fd = os.open(os.path.join(base, "f.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(os.write(fd, b"hello world"), os.get_inheritable(fd))
os.close(fd)
st = os.stat(os.path.join(base, "f.txt"))
print(type(st).__name__, len(st), st.st_size, st[6], stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode) & 0o700))
print(isinstance(st.st_mtime, float), isinstance(st.st_mtime_ns, int), st.n_sequence_fields, st.n_fields)
print(os.stat_result(range(10)))
print(sorted(os.listdir(base)), sorted(os.listdir(os.fsencode(base))))
print(sorted((e.name, e.is_dir(), e.is_file(), e.is_symlink()) for e in os.scandir(base)))
for root, dirs, files in os.walk(base):
    print(os.path.relpath(root, base), sorted(dirs), sorted(files))
fd = os.open(os.path.join(base, "f.txt"), os.O_RDWR)
os.lseek(fd, 6, os.SEEK_SET)
print(os.read(fd, 100), os.fstat(fd).st_size)
os.ftruncate(fd, 5)
os.lseek(fd, 0, os.SEEK_SET)
print(os.read(fd, 100))
os.close(fd)
os.symlink(os.path.join(base, "f.txt"), os.path.join(base, "ln"))
print(os.path.islink(os.path.join(base, "ln")), os.readlink(os.path.join(base, "ln")) == os.path.join(base, "f.txt"))
os.rename(os.path.join(base, "f.txt"), os.path.join(base, "g.txt"))
print(os.path.exists(os.path.join(base, "ln")), os.path.lexists(os.path.join(base, "ln")))
os.utime(os.path.join(base, "g.txt"), ns=(1_000_000_000_123_456_789, 2_000_000_000_500_000_000))
st = os.stat(os.path.join(base, "g.txt"))
print(st.st_atime_ns, st.st_mtime_ns, st.st_mtime)
r, w = os.pipe()
os.write(w, b"through a pipe")
os.close(w)
print(os.read(r, 100), os.read(r, 100))
os.close(r)
for call in [lambda: os.stat(os.path.join(base, "missing")),
             lambda: os.mkdir(base),
             lambda: os.rmdir(os.path.join(base, "a")),
             lambda: os.listdir(os.path.join(base, "g.txt")),
             lambda: os.close(9999)]:
    try:
        call()
    except OSError as e:
        print(type(e).__name__, e.errno, errno.errorcode[e.errno], e.args, e.filename is not None)
for bad in [None, 1.5, "a\0b"]:
    try:
        os.stat(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
os.environ["LADON_GOLDEN_VAR"] = "value"
print(os.environ["LADON_GOLDEN_VAR"], os.getenv("LADON_GOLDEN_VAR"), os.environb[b"LADON_GOLDEN_VAR"])
del os.environ["LADON_GOLDEN_VAR"]
print(os.getenv("LADON_GOLDEN_VAR"), os.strerror(errno.ENOENT), os.fspath(base) == base)
print(os.WIFEXITED(0), os.WEXITSTATUS(3 << 8), os.waitstatus_to_exitcode(3 << 8), os.terminal_size((80, 24)))
print(len(os.urandom(7)), os.getpid() > 1, os.cpu_count() >= 1, os.uname().sysname)
rmtree(base)
print(os.path.exists(base))
