# and/or return operands; not; identity vs equality; in on various containers.
print(0 or "x", "" or 0, None or [] or "last")
print(1 and 2, 0 and 2, [] and 1)
print(not [], not [0], not None)
a = [1]
b = [1]
print(a == b, a is b, a is not b)
print(1 in [1, 2], "b" in "abc", "bc" in "abc", "" in "x", 3 in {3: 4}, 4 in {3: 4})
print(2 in range(0, 10, 2), 3 in range(0, 10, 2), 1.0 in [1], "a" in ("a",))
nan = float("nan")
print(nan == nan, nan in [nan], [nan] == [nan])
print(None is None, (None == 0))
