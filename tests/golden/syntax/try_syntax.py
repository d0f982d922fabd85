# try statement shapes: multiple handlers, tuples of types, bare except, else, finally.
def run(exc):
    try:
        if exc:
            raise exc
        print("  no exception")
    except (KeyError, IndexError) as e:
        print("  lookup error", type(e).__name__)
    except ZeroDivisionError:
        print("  zero")
    except Exception as e:
        print("  generic", type(e).__name__)
    else:
        print("  else")
    finally:
        print("  finally")
for exc in [None, KeyError("k"), IndexError, ZeroDivisionError(), ValueError("v")]:
    print(exc.__name__ if isinstance(exc, type) else repr(exc))
    run(exc)
try:
    raise RuntimeError
except:
    print("bare except caught")
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    e
except NameError as err:
    print("as-name deleted:", err)
