a = 1
print(0o9)
