import os, sys
print("path0 is the script folder:", sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
print("argv:", sys.argv)
