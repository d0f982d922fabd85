# Traceback for an error raised while executing a class body and a method called from it.
class Settings:
    defaults = {"a": 1}
    def lookup(key, table=defaults):
        return table[key]
    a = lookup("a")
    b = lookup("b")
