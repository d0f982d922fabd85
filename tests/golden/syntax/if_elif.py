# if/elif/else chains and nested conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        if n % 2:
            return "small odd"
        else:
            return "small even"
    else:
        return "large"
for n in [-5, 0, 3, 4, 42]:
    print(n, classify(n))
x = 0
if x:
    print("no")
elif not x:
    print("not x")
if []: print("empty list true")
else: print("empty list false")
