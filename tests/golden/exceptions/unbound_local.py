# UnboundLocalError: subclass of NameError, from assignments later in the function, augmented assignment, del.
count = 0
def incr():
    count += 1
try:
    incr()
except UnboundLocalError as e:
    print(type(e).__name__, "|", e, "|", isinstance(e, NameError))
def conditional(flag):
    if flag:
        value = 1
    return value
print(conditional(True))
try:
    conditional(False)
except UnboundLocalError as e:
    print(e)
def loop():
    for i in range(0):
        pass
    return i
try:
    loop()
except UnboundLocalError as e:
    print(e)
def exc_name():
    try:
        raise ValueError
    except ValueError as err:
        pass
    return err
try:
    exc_name()
except UnboundLocalError as e:
    print(e)
def closure():
    def inner():
        return late
    r = None
    try:
        r = inner()
    except NameError as e:
        r = f"{type(e).__name__}: {e}"
    late = 1
    return r
print(closure())
incr()
