# Line continuation, semicolons, implicit joining, comments, unicode identifiers.
x = 1 + \
    2
y = (1 +
     2)  # comment
z = [1,
     2,
     ]
print(x, y, z); print("semi")
if x: print("inline if")
for i in range(2): print("inline for", i)
café = "unicode identifier"
print(café)
π = 3.14
print(π)
ﬁ = "ligature normalized"  # NFKC: becomes fi
print(fi)
def f(): return "one-liner"
print(f())
class K: a = 1; b = 2
print(K.a + K.b)
