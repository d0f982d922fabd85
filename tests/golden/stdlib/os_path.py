# os.path string functions (posix): join, split, splitext, normpath, relpath, commonpath, basename.
import posixpath as p
print(p.join("a", "b", "c.txt"), p.join("/a", "/b"), p.join("a", ""), p.join("", "x"))
print(p.split("/usr/lib/x.py"), p.split("x.py"), p.split("/"), p.splitext("arch.tar.gz"), p.splitext(".bashrc"), p.splitext("a.b/c"))
print(p.normpath("/a//b/./c/../d/"), p.normpath("../../x"), p.normpath(""), p.normpath("a/.."))
print(p.relpath("/a/b/c", "/a/d"), p.relpath("/a", "/a"), p.commonpath(["/a/b/c", "/a/b/d", "/a/bx"]), p.commonprefix(["/a/bc", "/a/bd"]))
print(p.basename("/x/y/"), p.dirname("/x/y/z"), p.isabs("/x"), p.isabs("x"), p.expanduser("~nosuchuserxyz/a"), p.splitroot("//x/y"))
import os
print(os.sep, os.altsep, os.extsep, os.pathsep, os.curdir, os.pardir, os.linesep == "\n", os.name)
print(os.fspath("str"), os.fsencode("é"), os.fsdecode(b"\xc3\xa9"))
