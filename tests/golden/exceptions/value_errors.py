# ValueError messages from common operations.
import math
cases = ["int('x')", "float('x')", "math.sqrt(-1)", "math.log(0)", "math.log(-1)", "math.acos(2)", "'abc'.index('z')",
         "[1].index(2)", "(1,).index(2)", "a, b = [1]", "a, = [1, 2]", "chr(-1)", "range(0, 5, 0)", "'x'.center(-1) or int('')",
         "bytes([300])", "'{:d}'.format(1.5)", "format(1, 'z')", "'a'.encode('ascii') or 'é'.encode('ascii')",
         "complex('j j')", "memoryview(b'a').cast('Q')", "' '.join(['a']).split('')", "int('1', 99)", "math.factorial(-1)",
         "list(zip([1], [], strict=True))", "max([])", "'x'.zfill(1) and slice(1, 2, 0).indices(3)", "bytes.fromhex('x')",
         "'%c' % 1114112", "float('1e')", "math.isqrt(-1)", "pow(2, -1, 4)", "sorted([1], key=None) and ''.join([1, 2])"]
for c in cases:
    try:
        if "=" in c.split("(")[0]:
            exec(c)
        else:
            eval(c)
        print(f"{c:40} no error")
    except (ValueError, TypeError, OverflowError) as e:
        print(f"{c:40} {type(e).__name__}: {e}")
