# copy module on builtin containers and class instances with nested mutable state.
import copy
orig = {"list": [1, [2, 3]], "tuple": (1, [2]), "set": {1, 2}, "str": "s"}
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig["list"][1].append(4)
orig["tuple"][1].append(3)
print(shallow["list"], deep["list"], shallow["tuple"], deep["tuple"])
print(shallow is orig, shallow["list"] is orig["list"], deep["set"] == orig["set"], deep["set"] is orig["set"])
class Config:
    def __init__(self):
        self.values = {"k": [1]}
        self.name = "cfg"
c = Config()
c2 = copy.deepcopy(c)
c2.values["k"].append(2)
print(c.values, c2.values, type(c2).__name__, c2.name)
l = [1, 2]
print(copy.copy(l) == l, copy.copy(l) is l, copy.deepcopy(len) is len, copy.copy(range(3)))
class WithState:
    def __init__(self): self.a, self.cache = 1, "big"
    def __getstate__(self): return {"a": self.a}
    def __setstate__(self, s): self.__dict__.update(s, cache="rebuilt")
w = copy.deepcopy(WithState())
print(w.a, w.cache)
