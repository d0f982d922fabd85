# Chained comparisons evaluate each operand once and short-circuit.
def v(x):
    print("v", x)
    return x
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(1 < 2 > 0 != 5 == 5)
print(1 == 1.0 == True, "a" < "b" < "c", [1] < [1, 0] <= [2])
x = 5
print(0 <= x < 10, 0 <= x < 5)
one = 1
print(one is not None is not False)
print(2 in [1, 2] in [[1, 2]])
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9))
try:
    1 < "a"
except TypeError as e:
    print(e)
try:
    [1] < (1,)
except TypeError as e:
    print(e)
