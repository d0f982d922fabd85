# sys.stdout/stderr/stdin: the io classes they are, their layers and settings.
import io
import sys

print(type(sys.stdout).__name__, type(sys.stdout.buffer).__name__, type(sys.stdin.buffer).__name__)
print(isinstance(sys.stdout, io.TextIOWrapper), isinstance(sys.stdout, io.TextIOBase))
print(isinstance(sys.stderr, io.IOBase), isinstance(sys.stdout.buffer, io.BufferedIOBase))
print(isinstance(sys.stdin.buffer, io.BufferedReader), isinstance(sys.stdout, io.BufferedIOBase))
print(sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors, sys.stdout.name, sys.stdin.mode)
print(sys.stdout.writable(), sys.stdout.readable(), sys.stdout.seekable(), sys.stdout.closed)
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdin.fileno())
print(sys.stdout.write("written\n"))
sys.stdout.writelines(["a\n", "b\n"])
sys.stdout.flush()
sys.stdout.buffer.write("bytes: é\n".encode())
print(sys.stdin.read(), repr(sys.stdin.readline()))
try:
    sys.stdout.read()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    sys.stdout.write(b"x")
except TypeError as e:
    print("TypeError", e)
print("unicode: é ☃ 𝄞")
