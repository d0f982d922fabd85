# SyntaxError offset/end_offset/text from compile() in exec/eval/single modes: parser, tokenizer and compiler errors.
cases = [
    ('1 +', 'eval'),
    ('1 +', 'exec'),
    ('1 +\n', 'eval'),
    ('x = (1 +', 'eval'),
    ('1 + ', 'eval'),
    ('f(', 'eval'),
    ('1 +)', 'eval'),
    ('if True\n    pass', 'exec'),
    ('if True', 'exec'),
    ('if True:\n  x = 1\n  if x\n', 'exec'),
    ('a = (1, 2', 'exec'),
    ('a = (1, 2\n', 'exec'),
    ('x = [1,\n2', 'exec'),
    ('  indented = 1', 'exec'),
    ('  x', 'exec'),
    ('f(**x, *y)', 'exec'),
    ('f(**x, *yy)', 'exec'),
    ('f(a, **x, *y, b)', 'exec'),
    ("'unterminated", 'exec'),
    ("'unterminated\n", 'exec'),
    ("x = 'abc", 'exec'),
    ('return 5', 'exec'),
    ('return 5\n', 'exec'),
    ('x = 1\nreturn 5', 'exec'),
    ('def f():\n  pass\nreturn 5', 'exec'),
    ('break', 'exec'),
    ('yield 1', 'exec'),
    ('nonlocal x', 'exec'),
    ('await x', 'exec'),
    ('if x:\n  a\n b', 'exec'),
    ('if x:\npass', 'exec'),
    ('(1,\n[2,', 'exec'),
    ('f(\n', 'exec'),
    ('  x = 1\ny', 'exec'),
    ('x = 1\n  y = 2', 'exec'),
    ("x = 'abc\ny", 'exec'),
    ('x = """abc', 'exec'),
    ("x = f'abc", 'exec'),
    ('1 +', 'single'),
    ('(', 'eval'),
    ('1 + 1 1', 'eval'),
    ('x y', 'eval'),
    ('1__0 + 2', 'exec'),
    ('x = 0o8 + 1\n', 'exec'),
    ("f'{' + 1\ny=2", 'exec'),
    ('a = 1\nb = 2 \\ 3', 'exec'),
    ("x = '\\N{foo}'", 'exec'),
    ('x = 1e', 'exec'),
    ('x = 0b2', 'exec'),
    ('x = 5abc', 'exec'),
    ('if 1:\n\tx\n        y', 'exec'),
    ('x = )', 'exec'),
    ('x = 1 +', 'eval'),
]
for src, mode in cases:
    try:
        compile(src, "<case>", mode)
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), mode, "|", e.msg, "|", e.lineno, e.offset, e.end_lineno, e.end_offset, "|", repr(e.text))
for f in (eval, exec):
    try:
        f("1 +")
    except SyntaxError as e:
        print(f.__name__, e.offset, e.end_offset, repr(e.text))
