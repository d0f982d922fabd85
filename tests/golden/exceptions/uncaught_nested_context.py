# Three exceptions chained by context in nested handlers, printed oldest first.
try:
    int("x")
except ValueError:
    try:
        [][1]
    except IndexError:
        None.missing
