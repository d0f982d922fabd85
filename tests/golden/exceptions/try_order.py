# try/except/else/finally execution order, including exceptions raised in handlers and finally.
def trace(raise_in):
    log = []
    try:
        try:
            log.append("try")
            if raise_in == "try":
                raise ValueError("t")
        except ValueError:
            log.append("except")
            if raise_in == "except":
                raise KeyError("e")
        else:
            log.append("else")
            if raise_in == "else":
                raise KeyError("el")
        finally:
            log.append("finally")
            if raise_in == "finally":
                raise IndexError("f")
    except Exception as e:
        log.append(f"outer caught {type(e).__name__} context={type(e.__context__).__name__}")
    return log
for where in [None, "try", "except", "else", "finally"]:
    print(where, trace(where))
def finally_runs_on_break():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("finally", i)
finally_runs_on_break()
def finally_runs_on_continue():
    for i in range(2):
        try:
            continue
        finally:
            print("finally on continue", i)
finally_runs_on_continue()
def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
nested()
