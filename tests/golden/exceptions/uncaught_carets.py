# Traceback caret markers for a binary operation spanning a nested expression.
def compute(a, b, c):
    return a + b * c / (b - b)
x = 10
print("computing")
result = compute(x, 2, 3) + 1
