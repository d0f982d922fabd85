# Recursive generators for tree traversal with yield from.
class Node:
    def __init__(self, value, *children):
        self.value, self.children = value, children
def preorder(n):
    yield n.value
    for c in n.children:
        yield from preorder(c)
def postorder(n):
    for c in n.children:
        yield from postorder(c)
    yield n.value
def leaves_with_depth(n, depth=0):
    if not n.children:
        yield depth, n.value
    for c in n.children:
        yield from leaves_with_depth(c, depth + 1)
tree = Node("a", Node("b", Node("d"), Node("e")), Node("c", Node("f", Node("g"))))
print(list(preorder(tree)))
print(list(postorder(tree)))
print(list(leaves_with_depth(tree)))
def perms(items):
    if len(items) <= 1:
        yield items
        return
    for i, x in enumerate(items):
        for rest in perms(items[:i] + items[i + 1:]):
            yield [x] + rest
print(["".join(p) for p in perms(list("abc"))])
def deep(n):
    if n:
        yield from deep(n - 1)
    else:
        yield "bottom"
print(list(deep(200)))
