# Explicit chaining with "raise ... from ...": "The above exception was the direct cause" banner, three levels.
def level3():
    return int("not a number")
def level2():
    try:
        level3()
    except ValueError as e:
        raise LookupError("level2 failed") from e
def level1():
    try:
        level2()
    except LookupError as e:
        raise RuntimeError("level1 failed") from e
level1()
