a = 1; b = 2;
if a: b = 3
while 0: pass
class K: x = 1; y = 2
f() = 1
