# Cells shared between sibling closures and across calls; cell objects; modifying via nonlocal in loops.
def bank(balance):
    def deposit(v):
        nonlocal balance
        balance += v
        return balance
    def withdraw(v):
        nonlocal balance
        if v > balance:
            raise ValueError("insufficient funds")
        balance -= v
        return balance
    def show():
        return balance
    return deposit, withdraw, show
d, w, s = bank(100)
d(50)
w(30)
print(s())
try:
    w(1000)
except ValueError as e:
    print(e, s())
import types
cell = types.CellType(5)
print(cell.cell_contents)
cell.cell_contents = 6
print(cell.cell_contents)
empty = types.CellType()
try:
    empty.cell_contents
except ValueError as e:
    print(e)
def gen_closure():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for v in range(5):
        add(v)
    return total
print(gen_closure())
