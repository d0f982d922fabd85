# Uncaught custom exception: class name display, __str__ override, multiple args, notes.
class AppError(Exception):
    pass
class DetailedError(AppError):
    def __init__(self, code, detail):
        super().__init__(code, detail)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[1]}"
try:
    raise AppError("plain", 2)
except AppError as e:
    print(str(e), repr(e))
err = DetailedError(404, "not found")
err.add_note("note one")
err.add_note("note two\nspanning lines")
raise err
