"""A simple helper module."""
print("executing pkgs.simple")
VALUE = 42
def greet(name):
    return f"hello {name} from {__name__}"
class Thing:
    pass
_private = "underscore"
