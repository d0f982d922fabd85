# Uncaught exception: full traceback through nested calls, with caret markers; exit code 1.
def parse(data):
    return data["value"] * 2
def process(items):
    total = 0
    for item in items:
        total += parse(item)
    return total
print("start")
print(process([{"value": 1}, {"value": 2}]))
print(process([{"value": 1}, {"other": 2}]))
print("never printed")
