import sys
print("pk.__main__", __name__, __spec__.name)
print(sys.argv[0].replace(sys.path[0], "<cwd>"), sys.argv[1:])
