# f-string "=" debugging specifier.
x, name = 10, "ada"
print(f"{x=}")
print(f"{x = }")
print(f"{x*2=}")
print(f"{name=!s}")
print(f"{name=}")
print(f"{x=:>5}")
print(f"{x=!r:^7}")
print(f"{3.14159=:.2f}")
print(f"{name.upper()=}, {len(name) = }")
d = {"a": 1}
print(f"{d['a']=}")
