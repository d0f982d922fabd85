# SyntaxWarnings of the main program, of exec'd strings and of compile() are reported
# (tokenizer/parser warnings first, then the compiler's), each once.
import warnings

x = 5
print(x is 5)
assert (x, 1)
s = "\d"
exec("y = x is 1")
print(y)
warnings.simplefilter("error")
try:
    compile("z = x is 2", "<q>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.lineno)
