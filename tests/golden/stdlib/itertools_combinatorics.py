# itertools combinatorics: product, permutations, combinations, combinations_with_replacement.
import itertools as it
print(list(it.product("ab", [0, 1])))
print(list(it.product([1, 2], repeat=2)))
print(list(it.permutations("abc")))
print(list(it.permutations(range(4), 2)))
print(list(it.combinations("abcd", 2)))
print(list(it.combinations_with_replacement("abc", 2)))
print(len(list(it.permutations(range(6)))), len(list(it.combinations(range(10), 4))), list(it.combinations("ab", 3)))
print(list(it.product()), list(it.permutations([])))
