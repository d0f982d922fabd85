# Uncaught KeyError prints the repr of the key; raised from a dict subscript inside a comprehension.
prices = {"apple": 1.0, "pear": 2.0}
order = ["apple", "kiwi"]
total = sum([prices[item] for item in order])
