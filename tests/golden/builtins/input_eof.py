# input() with stdin at end of file raises EOFError; the prompt is still written.
import sys
print("before", flush=True)
try:
    input("prompt> ")
except EOFError as e:
    print()
    print("EOFError:", e)
print(sys.stdin.read() == "")
