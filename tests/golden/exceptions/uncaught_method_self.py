# Traceback lines for methods show the bare function name, for properties and dunders too.
class Stack:
    def __init__(self):
        self.items = []
    @property
    def top(self):
        return self.items[-1]
    def __len__(self):
        return len(self.items) // 0
s = Stack()
try:
    s.top
except IndexError as e:
    print("caught:", e)
len(s)
