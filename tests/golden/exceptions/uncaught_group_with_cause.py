# An ExceptionGroup whose members carry notes and causes, uncaught.
def fail_with_cause():
    try:
        {}["key"]
    except KeyError as e:
        raise ValueError("lookup failed") from e
try:
    fail_with_cause()
except ValueError as err:
    err.add_note("while loading settings")
    group = ExceptionGroup("startup failed", [err, TypeError("bad option")])
group.add_note("group-level note")
raise group
