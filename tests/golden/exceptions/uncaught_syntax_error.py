# A SyntaxError from compile() that is not caught: traceback of the call plus the rendered source line.
print("before")
compile("x = (1 +\n", "<snippet>", "exec")
