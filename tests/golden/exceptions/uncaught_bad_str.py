# An exception whose __str__ raises is printed with a placeholder.
class Weird(Exception):
    def __str__(self):
        raise ValueError("str is broken")
raise Weird("hidden")
