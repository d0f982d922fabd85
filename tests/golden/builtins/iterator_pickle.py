# Sequence iterators pickle by (iter|reversed, (seq,), position) and restore with __setstate__.
import pickle, array
for seq in [[1,2,3], (1,2,3), 'abc', b'abc', array.array('i',[1,2,3])]:
    for mk in (iter, reversed):
        it = mk(seq)
        next(it)
        r = it.__reduce__()
        print(type(it).__name__, r[0].__name__, r[1:])
        it2 = pickle.loads(pickle.dumps(it))
        print(list(it2))
        list(it)
        r = it.__reduce__()
        print(r[0].__name__, r[1:])
it = iter([1,2,3]); it.__setstate__(2); print(list(it))
it = reversed([1,2,3]); it.__setstate__(5); print(list(it))
it = reversed(array.array('b',[1,2,3])); it.__setstate__(-7); print(list(it))
