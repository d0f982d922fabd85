# A table of str methods over assorted inputs: padding, stripping, case, searching results.
inputs = ["", "a", "Hello World", "  padded  ", "ÉCOLE", "tab\tsep", "x-y_z", "MiXeD123", "ǅungla", "ß"]
for s in inputs:
    row = [s.center(12, "."), s.ljust(4, "-"), s.rjust(4, "-"), s.strip(), s.lower(), s.upper(), s.title(), s.swapcase(),
           s.capitalize(), s.casefold(), s.find("l"), s.rfind("l"), s.count("l"), s.replace(" ", "_"), s.split(), s.zfill(6)]
    print(repr(s), row)
