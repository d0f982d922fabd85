# Subclassing list, dict, str, int: overridden methods and which builtins bypass them.
class LoudList(list):
    def append(self, x):
        print("append", x)
        super().append(x)
    def __getitem__(self, i):
        return ("item", super().__getitem__(i))
l = LoudList([1, 2])
l.append(3)
print(l, l[0], list(l), len(l), type(l + [4]).__name__, type(l[:]).__name__ if False else "")
class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = key * 2
        return self[key]
d = DefaultDict()
print(d[3], d, d.get(5), "get bypasses __missing__")
class UpperDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
u = UpperDict(a=1)
u["b"] = 2
u.update(c=3)
print(u)
class MyStr(str):
    def __len__(self):
        return 99
s = MyStr("abc")
print(len(s), s.upper(), type(s.upper()).__name__, type(s + "x").__name__, s == "abc", s[0])
class MyInt(int):
    def __add__(self, o):
        return MyInt(int(self) + o + 100)
print(MyInt(1) + 1, 1 + MyInt(1), type(MyInt(1) * 2).__name__, sum([MyInt(1), 2]))
class Attrs(list): pass
a = Attrs()
a.tag = "extra attribute"
print(a.tag, a.__dict__)
