# IndexError messages from sequences.
cases = ["[][0]", "[1][5]", "[1][-2]", "()[0]", "(1,)[3]", "''[0]", "'abc'[9]", "b''[0]", "bytearray()[0]", "range(3)[3]",
         "[].pop()", "[1].pop(9)", "memoryview(b'')[0]", "[1].insert(0, 0) or [1][1:2][0]", "__import__('collections').deque()[0]",
         "__import__('collections').deque().pop()", "__import__('array').array('i')[0]", "'x'.__getitem__(-2)"]
for c in cases:
    try:
        eval(c)
    except IndexError as e:
        print(f"{c:45} {e}")
def assign(seq, i):
    seq[i] = 0
for seq in [[], bytearray(), __import__("collections").deque()]:
    try:
        assign(seq, 3)
    except IndexError as e:
        print(type(seq).__name__, e)
try:
    del [][0]
except IndexError as e:
    print(e)
