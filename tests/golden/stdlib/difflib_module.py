# difflib: unified_diff, ndiff, SequenceMatcher ratios and opcodes, get_close_matches.
import difflib
a = ["one\n", "two\n", "three\n", "four\n"]
b = ["one\n", "2\n", "three\n", "four\n", "five\n"]
print("".join(difflib.unified_diff(a, b, "a.txt", "b.txt")), end="")
print("".join(difflib.ndiff(["abc\n"], ["abd\n"])), end="")
sm = difflib.SequenceMatcher(None, "abcdef", "abxdefg")
print(sm.ratio(), sm.get_opcodes(), sm.find_longest_match(0, 6, 0, 7))
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]), difflib.get_close_matches("xyz", ["abc"]))
print("".join(difflib.context_diff(a, b, n=0)), end="")
