# ast from several threads at once: the first AST compile() races to build the node
# classes; every thread must get trees of the one set of classes.
import threading

SOURCES = [f"def f{i}(x):\n    return [x * {i} for _ in range({i})]\n" for i in range(8)]
results = [None] * len(SOURCES)
barrier = threading.Barrier(4)

def work(k):
    barrier.wait()
    for i in range(k, len(SOURCES), 4):
        tree = compile(SOURCES[i], f"<t{i}>", "exec", 0x400)  # PyCF_ONLY_AST, before `import ast`
        ns = {}
        exec(compile(tree, f"<t{i}>", "exec"), ns)
        results[i] = (tree, ns[f"f{i}"](2))

threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()

import ast
for i, (tree, value) in enumerate(results):
    print(i, isinstance(tree, ast.Module), type(tree.body[0]) is ast.FunctionDef, value)
print(len({type(r[0]) for r in results}))

dumps = [None] * 4
def dump_many(k):
    out = []
    for _ in range(20):
        t = ast.parse(SOURCES[k])
        out.append(ast.dump(t, include_attributes=True))
    dumps[k] = len(set(out)), out[0][:60]
threads = [threading.Thread(target=dump_many, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for d in dumps:
    print(d)
