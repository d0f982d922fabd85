"""Runs Ladon-compiled bytecode on CPython 3.14: a differential test of the compiler.

Ladon's opcodes use CPython 3.14's numbers and semantics, so a `CodeUnit` printed by
the `emit_code` example can be rebuilt into a real `types.CodeType` (exception table
and line table re-encoded in CPython's formats) and executed by CPython, whose
LOAD_FAST does not check for unbound locals: a wrong definite-assignment analysis in
Ladon shows up here as a crash.

Usage (python3.14):
  cpython_exec.py run FILE [ARGS...]     run FILE as __main__
  cpython_exec.py test FILE [UNITTEST ARGS...]   run FILE's unittest tests
  --all   (before the command) also compile every imported .py module with Ladon
  --cpython  use CPython's compiler instead (the baseline for a differential run)
Environment: LADON_EMIT = path of the emit_code binary
(default: target/release/examples/emit_code next to this checkout).
"""

import importlib.machinery
import json
import os
import struct
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
EMIT = os.environ.get(
    "LADON_EMIT",
    os.path.join(HERE, "..", "..", "target", "release", "examples", "emit_code"),
)

CO_FAST_LOCAL, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_ARGS = 0x20, 0x40, 0x80, 0x0E


def ustr(h):
    return bytes.fromhex(h).decode("utf-8", "surrogatepass")


def const(c):
    t = c["t"]
    if t == "none":
        return None
    if t == "true":
        return True
    if t == "false":
        return False
    if t == "ellipsis":
        return ...
    if t == "int":
        return int(c["v"])
    if t == "float":
        return struct.unpack("<d", int(c["v"]).to_bytes(8, "little"))[0]
    if t == "complex":
        r = struct.unpack("<d", int(c["r"]).to_bytes(8, "little"))[0]
        i = struct.unpack("<d", int(c["i"]).to_bytes(8, "little"))[0]
        return complex(r, i)
    if t == "str":
        return ustr(c["v"])
    if t == "bytes":
        return bytes.fromhex(c["v"])
    if t == "tuple":
        return tuple(const(x) for x in c["v"])
    if t == "frozenset":
        return frozenset(const(x) for x in c["v"])
    if t == "code":
        return build(c["v"])
    raise ValueError(t)


def varint(out, v):
    while v >= 64:
        out.append((v & 63) | 64)
        v >>= 6
    out.append(v)


def svarint(out, v):
    varint(out, ((-v) << 1) | 1 if v < 0 else v << 1)


def linetable(lines, firstlineno):
    out = bytearray()
    prev = firstlineno
    for units, line, endline, col, endcol in lines:
        while units > 0:
            n = min(units, 8)
            units -= n
            if line < 0:
                out.append(0x80 | (15 << 3) | (n - 1))
            elif col < 0 or endcol < 0 or endline < line:
                out.append(0x80 | (13 << 3) | (n - 1))
                svarint(out, line - prev)
                prev = line
            else:
                out.append(0x80 | (14 << 3) | (n - 1))
                svarint(out, line - prev)
                varint(out, endline - line)
                varint(out, col + 1)
                varint(out, endcol + 1)
                prev = line
    return bytes(out)


def exctable(entries):
    out = bytearray()

    def item(value, msb):
        for shift in (24, 18, 12, 6):
            if value >= 1 << shift:
                out.append(((value >> shift) & 0x3F) | 64 | msb)
                msb = 0
        out.append((value & 0x3F) | msb)

    for start, end, target, depth, lasti in entries:
        item(start, 128)
        item(end - start, 0)
        item(target, 0)
        item((depth << 1) | lasti, 0)
    return bytes(out)


def build(d):
    code = bytes.fromhex(d["code"])
    names = tuple(ustr(n) for n in d["names"])
    lp = [(ustr(n), k) for n, k in d["localsplus"]]
    varnames = tuple(n for n, k in lp if k & (CO_FAST_LOCAL | CO_FAST_ARGS))
    cellvars = tuple(n for n, k in lp if k & CO_FAST_CELL)
    freevars = tuple(n for n, k in lp if k & CO_FAST_FREE)
    flags = d["flags"] & ~0x1000000
    return types.CodeType(
        d["argcount"],
        d["posonly"],
        d["kwonly"],
        len(varnames),
        d["stacksize"],
        flags,
        bytes(code),
        tuple(const(c) for c in d["consts"]),
        names,
        varnames,
        ustr(d["filename"]),
        ustr(d["name"]),
        ustr(d["qualname"]),
        d["firstlineno"],
        linetable(d["lines"], d["firstlineno"]),
        exctable(d["exctable"]),
        freevars,
        cellvars,
    )


def ladon_compile(path):
    out = subprocess.run([EMIT, path], capture_output=True, check=True).stdout
    d = json.loads(out)
    if "error" in d:
        raise SyntaxError(ustr(d["error"]), (path, d["lineno"], 0, ""))
    return build(d)


def install_import_hook():
    """Compile every imported source module with Ladon instead of CPython."""
    sys.dont_write_bytecode = True
    sys.pycache_prefix = "/nonexistent-ladon-cache"

    def source_to_code(self, data, path, *, _optimize=-1):
        return ladon_compile(path)

    importlib.machinery.SourceFileLoader.source_to_code = source_to_code


def module_name(path):
    """The dotted module name of a file under a sys.path entry (else its stem)."""
    path = os.path.abspath(path)
    for entry in sorted(sys.path, key=len, reverse=True):
        entry = os.path.abspath(entry or ".")
        if path.startswith(entry + os.sep):
            rel = os.path.splitext(os.path.relpath(path, entry))[0]
            parts = rel.split(os.sep)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if all(p.isidentifier() for p in parts):
                return ".".join(parts)
    return os.path.splitext(os.path.basename(path))[0]


def main():
    args = sys.argv[1:]
    global ladon_compile
    while args and args[0].startswith("--"):
        if args[0] == "--all":
            install_import_hook()
        elif args[0] == "--cpython":
            # Baseline: the same harness with CPython's own compiler.
            ladon_compile = lambda p: compile(open(p, "rb").read(), p, "exec", dont_inherit=True)
        args = args[1:]
    if len(args) < 2:
        print(__doc__)
        sys.exit(2)
    cmd, path, rest = args[0], args[1], args[2:]
    code = ladon_compile(path)
    if cmd == "run":
        sys.argv = [path] + rest
        mod = types.ModuleType("__main__")
        mod.__file__ = path
        mod.__builtins__ = __builtins__
        sys.modules["__main__"] = mod
        exec(code, mod.__dict__)
    elif cmd == "test":
        import unittest

        name = module_name(path)
        mod = types.ModuleType(name)
        mod.__file__ = path
        sys.modules[name] = mod
        exec(code, mod.__dict__)
        if os.path.basename(path) == "__init__.py":
            mod.__path__ = [os.path.dirname(os.path.abspath(path))]
            mod.__package__ = name
        else:
            mod.__package__ = name.rpartition(".")[0]
        unittest.main(module=mod, argv=[path] + rest, exit=True)
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
