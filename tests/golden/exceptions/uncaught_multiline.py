# Traceback rendering for an expression spanning several lines.
def combine(a, b, c):
    return a + b + c
values = {"x": 1, "y": "two"}
total = combine(
    values["x"],
    values["y"],
    3,
)
