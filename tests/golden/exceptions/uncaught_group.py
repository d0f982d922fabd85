# Uncaught ExceptionGroup: nested groups are drawn as a tree.
def fail(i):
    raise ValueError(f"task {i} failed")
errors = []
for i in range(2):
    try:
        fail(i)
    except ValueError as e:
        errors.append(e)
inner = ExceptionGroup("inner group", [TypeError("bad type")])
raise ExceptionGroup("several tasks failed", errors + [inner])
