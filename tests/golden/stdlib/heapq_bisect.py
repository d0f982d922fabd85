# heapq and bisect: heap invariants, nlargest/nsmallest with keys, merge; bisect and insort with keys.
import heapq, bisect
h = []
for v in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, v)
print(h, [heapq.heappop(h) for _ in range(3)], h)
data = [7, 2, 9, 4]
heapq.heapify(data)
print(data, heapq.heappushpop(data, 1), heapq.heapreplace(data, 10), data)
print(heapq.nlargest(2, [3, 1, 4, 1, 5]), heapq.nsmallest(2, ["bb", "a", "ccc"], key=len), list(heapq.merge([1, 4], [2, 3], [0])))
print(list(heapq.merge(["b", "a"][::-1], ["c"], key=str.upper)), heapq.nlargest(10, [1, 2]))
tasks = [(2, "write"), (1, "plan"), (3, "ship")]
heapq.heapify(tasks)
print([heapq.heappop(tasks)[1] for _ in range(3)])
mh = [5, 3, 8]
heapq.heapify_max(mh)
print(heapq.heappop_max(mh), mh[0])
s = [1, 3, 3, 5, 7]
print(bisect.bisect_left(s, 3), bisect.bisect_right(s, 3), bisect.bisect(s, 4), bisect.bisect_left(s, 0), bisect.bisect_right(s, 100))
bisect.insort(s, 4); bisect.insort_left(s, 3)
print(s)
recs = [("a", 1), ("b", 5), ("c", 9)]
print(bisect.bisect_left(recs, 5, key=lambda r: r[1]))
bisect.insort(recs, ("x", 6), key=lambda r: r[1])
print(recs)
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], score)] for score in [33, 99, 77, 70, 89, 90, 100]])
