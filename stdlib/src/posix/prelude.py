# posix's Python half: the result types and scandir, over the Rust functions of this module.

stat_result = _make_structseq(
    'os.stat_result',
    ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
     '_st_atime_int', '_st_mtime_int', '_st_ctime_int'),
    ('st_atime', 'st_mtime', 'st_ctime', 'st_atime_ns', 'st_mtime_ns', 'st_ctime_ns',
     'st_blksize', 'st_blocks', 'st_rdev'),
    unnamed=3,
    seq_names=('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
               'st_atime', 'st_mtime', 'st_ctime'))


def _stat_result_new(cls, sequence, dict=None):
    # As posixmodule.c's statresult_new: float times missing from a 10-tuple come from the
    # integer fields.
    self = _structseq.__new__(cls, sequence, dict)
    d = tuple.__getattribute__(self, '__dict__')
    for i, name in enumerate(('st_atime', 'st_mtime', 'st_ctime')):
        if d[name] is None:
            d[name] = tuple.__getitem__(self, 7 + i)
    return self


stat_result.__new__ = _stat_result_new
del _stat_result_new

uname_result = _make_structseq(
    'posix.uname_result', ('sysname', 'nodename', 'release', 'version', 'machine'))
times_result = _make_structseq(
    'posix.times_result', ('user', 'system', 'children_user', 'children_system', 'elapsed'))
terminal_size = _make_structseq('os.terminal_size', ('columns', 'lines'))


class DirEntry:
    __module__ = 'posix'

    def __init__(self, *args, **kwargs):
        raise TypeError("cannot create 'posix.DirEntry' instances")

    @classmethod
    def _make(cls, scandir_path, name, d_type, inode):
        self = object.__new__(cls)
        self.name = name
        if isinstance(name, bytes):
            sep = b'/'
        else:
            sep = '/'
        if scandir_path.endswith(sep):
            self.path = scandir_path + name
        else:
            self.path = scandir_path + sep + name
        self._d_type = d_type
        self._inode = inode
        self._stat = None
        self._lstat = None
        return self

    def __repr__(self):
        return f'<DirEntry {self.name!r}>'

    def __fspath__(self):
        return self.path

    def inode(self):
        return self._inode

    def is_symlink(self):
        if self._d_type != 0:
            return self._d_type == 10
        return (self.stat(follow_symlinks=False).st_mode & 0o170000) == 0o120000

    def is_junction(self):
        return False

    def stat(self, *, follow_symlinks=True):
        if follow_symlinks:
            if self._stat is None:
                if self.is_symlink():
                    self._stat = stat(self.path)
                else:
                    self._stat = self.stat(follow_symlinks=False)
            return self._stat
        if self._lstat is None:
            self._lstat = lstat(self.path)
        return self._lstat

    def _test_mode(self, follow_symlinks, dt, fmt):
        if self._d_type != 0 and not (follow_symlinks and self._d_type == 10):
            return self._d_type == dt
        try:
            st = self.stat(follow_symlinks=follow_symlinks)
        except FileNotFoundError:
            return False
        return (st.st_mode & 0o170000) == fmt

    def is_dir(self, *, follow_symlinks=True):
        return self._test_mode(follow_symlinks, 4, 0o040000)

    def is_file(self, *, follow_symlinks=True):
        return self._test_mode(follow_symlinks, 8, 0o100000)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class _ScandirIterator:
    __module__ = 'posix'
    __qualname__ = 'ScandirIterator'

    def __init__(self, path, entries):
        self._path = path
        self._entries = entries
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._entries is None or self._i >= len(self._entries):
            self._entries = None
            raise StopIteration
        name, d_type, inode = self._entries[self._i]
        self._i += 1
        return DirEntry._make(self._path, name, d_type, inode)

    def close(self):
        self._entries = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def scandir(path=None):
    if path is None:
        path = '.'
    p = fspath(path)
    entries = _scandir_entries(p)
    return _ScandirIterator(p, entries)


del _make_structseq
