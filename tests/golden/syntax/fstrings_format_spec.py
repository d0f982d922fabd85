# f-strings with format specs: alignment, sign, width, precision, types, nested specs.
x, f, s = 42, 3.14159265, "py"
print(f"[{x:5}] [{x:<5}] [{x:^5}] [{x:>5}] [{x:*^7}] [{x:05}] [{-x:05}]")
print(f"[{x:+}] [{-x:+}] [{x: }] [{x:=+6}]")
print(f"{x:b} {x:o} {x:x} {x:X} {x:#b} {x:#o} {x:#x} {x:c}")
print(f"{1234567:,} {1234567:_} {0xdeadbeef:_x} {1234567.891:,.2f}")
print(f"{f:.2f} {f:.3e} {f:.3E} {f:g} {f:%} {f:.1%} {f:10.3f}|")
print(f"{1e20:g} {1e-5:g} {123456789.0:g} {0.0001:g} {float('inf'):f} {float('nan'):F}")
print(f"[{s:>6}] [{s:<6}] [{s:^6}] [{s:.1}] [{s:-^8.1}]")
w, p = 10, 3
print(f"[{f:{w}.{p}f}] [{s:>{w}}]")
print(f"{x:{'<'}{w}}|")
print(f"{True:d} {True!s:>6}")
print(f"{12.0:.0f} {0.5:.0f} {1.5:.0f} {2.5:.0f}")
print(f"{-0.0:.1f} {-0.0:+.1f} {-0.0:z.1f}")
print(f"{1234.5:010.2f} {-1234.5:010,.1f}")
print(f"{255:#010x} {255:_b}")
print(f"{3+4j:.1f} {1e100:.3}")
print(f"{x:n} {12:.3}" if False else f"{12.5:.3}")
