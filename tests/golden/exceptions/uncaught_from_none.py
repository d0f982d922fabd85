# "raise ... from None" suppresses the context in the printed traceback.
def get(d, k):
    try:
        return d[k]
    except KeyError:
        raise AttributeError(f"no attribute {k!r}") from None
print(get({"a": 1}, "a"))
get({}, "b")
