# array: range checks and conversion errors per type code, as CPython words them.
import array

values = [-2**70, -2**63 - 1, -2**63, -2**31 - 1, -2**15 - 1, -129, -1, 0, 255, 256,
          2**15, 2**16, 2**31, 2**32, 2**63, 2**64, 2**70, 1.5, 'x', None]
for tc in 'bBhHiIlLqQ':
    for v in values:
        try:
            a = array.array(tc, [v])
            r = f'ok {a[0]}'
        except Exception as e:
            r = f'{type(e).__name__}: {e}'
        print(tc, v if not isinstance(v, int) or abs(v) < 1000 else v.bit_length(), r)
for tc in 'fd':
    for v in (1, 2.5, 'x', None, 10**400, True):
        try:
            r = f'ok {array.array(tc, [v])[0]}'
        except Exception as e:
            r = f'{type(e).__name__}: {e}'
        print(tc, repr(v)[:12], r)
for v in ('ab', 1, '', 'x'):
    try:
        r = f'ok {array.array("w", [v])}'
    except Exception as e:
        r = f'{type(e).__name__}: {e}'
    print('w', repr(v), r)

class Idx:
    def __index__(self):
        return 7
print(array.array('b', [Idx()]), array.array('d', [Idx()]))
a = array.array('b', [1, 2, 3])
for stmt in ['a[0] = 200', 'a[0] = "x"', 'a[5] = 1', 'a.append(-200)', 'a.insert(0, 1.5)',
             'a.fromlist([1, 2, 300])', 'a.extend([4, 500])']:
    try:
        exec(stmt)
        print(stmt, 'ok', a)
    except Exception as e:
        print(stmt, type(e).__name__, e, a)
