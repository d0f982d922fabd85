# Error inside a key function called by sorted(): the builtin's frame is not shown, the lambda's is.
records = [{"age": 3}, {"age": 1}, {"name": "no age"}]
ordered = sorted(records, key=lambda r: r["age"])
