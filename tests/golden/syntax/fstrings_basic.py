# f-strings: expressions, conversions, quotes, escapes of braces, nested quotes (PEP 701).
name, n = "Ada", 3
print(f"hi {name}! {n + 1} {n * 'ab'}")
print(f"{name!r} {name!s} {name!a} {'é'!a}")
print(f"{{literal}} {{{n}}}")
print(f"{'nested' + "quotes"}")
print(f"{f'{f"{n}"}'}")
d = {"k": [1, 2]}
print(f"{d['k'][1]} {d["k"]}")
print(f"{(lambda x: x * 2)(4)}")
print(f"{n if n > 2 else 0}")
print(f"""multi
{name}
line""")
print(f"{'\n'.join(['a', 'b'])}")
print(f"{n:}|{n!r:>4}|")
print(rf"\d{n}", fr"{name}\t")
items = ["x", "y"]
print(f"{', '.join(items)}")
print(f"{3.0:{'.2f'}}" if False else f"{3.0}")
print(f"{n:#}" if False else f"{ {1: 2}[1] }")
print(f'{n:{"^"}{10}}|')
