# slice objects: attributes, indices(), repr, equality, hashing (3.12+), use on custom classes.
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, None), s == slice(1, 10, 2))
print(s.indices(5), slice(-3, None).indices(10), slice(None, None, -1).indices(4), slice(10, -10, -3).indices(7))
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print(e)
print(hash(slice(1, 2)) == hash(slice(1, 2)))
class Seq:
    def __getitem__(self, k):
        return k
q = Seq()
print(q[1:2], q[::], q[:3:], q[1:2, 3], q["a":"b"])
print([0, 1, 2, 3, 4][slice(1, None, 2)], "abcdef"[slice(-2, None)])
