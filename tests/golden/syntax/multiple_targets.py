# Chained assignment evaluates the right side once and assigns left to right.
class Log(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
d = Log()
d["a"] = d["b"] = d["c"] = 1
i = 0
lst = [0, 0, 0]
i = lst[i] = 2
print(i, lst)
x = y = [1]
x.append(2)
print(y)
a, b = c, d2 = 1, 2
print(a, b, c, d2)
