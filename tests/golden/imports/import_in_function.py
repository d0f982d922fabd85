# Imports are bindings in the current scope: local imports, conditional imports, import in class body.
def use_local():
    import json
    from math import sqrt as root
    return json.dumps({"r": root(16)}), "json" in dir()
print(use_local())
print("json" in globals())
class Holder:
    import math
    pi = math.pi
print(round(Holder.pi, 3), Holder.math.__name__)
if True:
    import os.path
print(os.path.basename("/a/b.txt"), "os" in globals())
import os.path as osp
print(osp is os.path)
