# Bare raise re-raises the current exception; outside a handler it is a RuntimeError; traceback keeps growing.
def inner():
    raise ValueError("original")
def middle():
    try:
        inner()
    except ValueError:
        print("logging and re-raising")
        raise
try:
    middle()
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(e, names)
try:
    raise
except RuntimeError as e:
    print(e)
def reraise_after_other():
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise ValueError("second")
        except ValueError:
            pass
        raise
try:
    reraise_after_other()
except KeyError as e:
    print("re-raised", repr(e))
def raise_saved():
    try:
        raise TypeError("saved")
    except TypeError as exc:
        saved = exc
    raise saved
try:
    raise_saved()
except TypeError as e:
    print("saved raise", e)
