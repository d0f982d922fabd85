# Traceback through generator frames and a comprehension.
def numbers():
    yield 1
    yield 2
    raise RuntimeError("generator broke")
def consume():
    return [n * 2 for n in numbers()]
print("consuming")
consume()
