# array: the unicode type codes 'u' (deprecated, warns) and 'w'.
import array
import warnings

def make():
    return array.array('u', 'ab')

u = make()
print(u, u.itemsize, u.tounicode(), u.typecode)
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter('always')
    array.array('u')
    array.array('w')
print([(w.category.__name__, str(w.message)) for w in ws])
w = array.array('w', 'x\U0001f600y')
print(w, len(w), w[1], w.tolist(), w.tobytes()[4:8])
w.fromunicode('z')
w[0] = 'q'
print(w.tounicode(), w.index('y'), w.count('z'), 'z' in w)
bad = array.array('w')
bad.frombytes(b'\xff\xff\xff\xff')
for f in (bad.tounicode, lambda: bad[0], lambda: repr(bad)):
    try:
        print(f())
    except ValueError as e:
        print('ValueError', e)
print(array.array('w', array.array('w', 'copy')), array.array('w', ['a', 'b']))
for args in [('b', array.array('w', 'a')), ('w', [1]), ('w', ['ab'])]:
    try:
        array.array(*args)
    except TypeError as e:
        print('TypeError', e)
