# SyntaxError attributes from compile(): msg, lineno, offset, end_lineno, end_offset, text, filename.
cases = ["x = = 1", "def f(:\n    pass", "if True\n    pass", "print 'hi'", "a = (1, 2", "x = 1 +* 2", "for x in range(3):\npass",
         "  indented = 1", "return 5", "f(**x, *y)", "del f()", "x := 5", "'unterminated", "1 = x", "None = 1",
         "class C:\n    def m(self):\n        nonlocal q", "lambda: (yield)", "f'{'", "0o8", "1__0"]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), "|", type(e).__name__, "|", e.msg, "|", e.lineno, e.offset, e.end_lineno, e.end_offset, "|", repr(e.text))
e = SyntaxError("m", ("file.py", 3, 4, "bad line\n", 3, 7))
print(str(e), e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
print(issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError))
