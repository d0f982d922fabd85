with (a, b) as c, d as 1:
    pass
