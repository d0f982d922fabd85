# for/while with else, break, continue, nested loops, pass.
for i in range(5):
    if i == 3:
        break
else:
    print("no break")
print("i", i)
for i in range(3):
    pass
else:
    print("else ran", i)
n = 0
while n < 5:
    n += 1
    if n % 2:
        continue
    print("even", n)
else:
    print("while else")
for x in []:
    print("never")
else:
    print("empty else")
for a in range(3):
    for b in range(3):
        if b > a:
            break
        print(a, b, end="; ")
print()
found = None
for w in ["x", "yy", "zzz"]:
    if len(w) == 2:
        found = w
        break
print(found)
while True:
    break
else:
    print("unreachable")
k = 0
while k < 3:
    k += 1
print(k)
