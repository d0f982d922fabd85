# raise with invalid objects, exceptions from exception constructors, raising in __init__.
for obj in [5, "string", object, None]:
    try:
        raise obj
    except TypeError as e:
        print(e)
class BadInit(Exception):
    def __init__(self):
        raise RuntimeError("constructor failed")
try:
    raise BadInit
except RuntimeError as e:
    print(type(e).__name__, e)
class NotExc:
    pass
try:
    raise NotExc()
except TypeError as e:
    print(e)
try:
    try:
        pass
    except 5:
        pass
    print("except clause not evaluated when nothing is raised")
    try:
        raise ValueError
    except 5:
        pass
except TypeError as e:
    print(e)
try:
    try:
        raise ValueError
    except (ValueError, 5):
        print("tuple matched before bad element checked")
except TypeError as e:
    print(e)
