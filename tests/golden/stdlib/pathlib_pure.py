# pathlib pure paths (no filesystem access): joining, parts, suffixes, relative_to, match.
from pathlib import PurePosixPath as P, PureWindowsPath as W
p = P("/usr/local/lib/python3.14/site.tar.gz")
print(p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parents[2], p.parts, p.anchor, p.root)
print(p.with_name("x.py"), p.with_suffix(".zip"), p.with_stem("other"), p.relative_to("/usr"), p.is_absolute())
print(P("a") / "b" / "../c", P("a//b/./c"), P("/") / "etc", P("a").joinpath("b", "c"), str(P("")), P(".") == P(""))
print(p.match("*.gz"), p.match("lib/*/*.gz"), P("a/b").is_relative_to("a"), P("x").as_posix())
try:
    P("/a").relative_to("/b")
except ValueError as e:
    print(e)
w = W("C:\\Users\\Ann\\file.TXT")
print(w.drive, w.root, w.name, w.suffix, w.parent, w.as_posix(), w == W("c:/users/ann/FILE.txt"))
print(sorted([P("b"), P("a/c"), P("a")]), P("a/b").with_segments("x", "y") if hasattr(P, "with_segments") else "")
