# list methods: append/extend/insert/remove/pop/index/count/reverse/copy/clear/sort.
l = [3, 1, 2]
l.append(4); l.extend((5, 6)); l.insert(0, 0); l.insert(100, 99); l.insert(-1, 98); l.insert(-100, -1)
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(2)
print(l, l.index(98), l.index(1, 1), l.count(1), [1, 1, 2].count(1))
l.reverse()
print(l)
c = l.copy()
c.clear()
print(l, c)
l.sort()
print(l)
l.sort(reverse=True, key=lambda x: x % 3)
print(l)
l2 = [1, 2]
l2 += "ab"
l2 *= 2
print(l2, [0] * 3, 2 * [None], [1] * 0, [1] * -2)
l3 = [[]] * 3
l3[0].append(1)
print(l3)
print(list(), list("abc"), list(range(3)), list({1: 2}), list((1, 2)))
print([1, 2] == [1, 2], [1, 2] < [1, 3], [] < [0], [1, 2] + [3], len([1, [2, 3]]))
x = [5, 3]
x[len(x):] = [7]
print(x, x.__len__(), x.__contains__(3), x.__getitem__(-1))
