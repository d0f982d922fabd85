# Implicit concatenation across lines and with f-strings; bytes/str mixing is a SyntaxError.
s = ("first "
     "second "
     f"{1 + 1} "
     'third')
print(s)
long = "a" \
       "b"
print(long)
try:
    compile('x = b"a" "b"', "<c>", "exec")
except SyntaxError as e:
    print(e.msg)
print(len("x" "" "y"), "" == "" "")
