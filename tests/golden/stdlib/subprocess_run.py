# subprocess over _posixsubprocess.fork_exec: run, pipes, input, return codes, errors.
import subprocess
import sys

r = subprocess.run(["echo", "hello", "world"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output("echo $((6*7))", shell=True))
r = subprocess.run(["cat"], input=b"piped input", capture_output=True)
print(r.stdout)
r = subprocess.run(["sh", "-c", "echo err >&2; exit 3"], capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
try:
    subprocess.check_call(["false"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode)
try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename)
try:
    subprocess.run(["true"], cwd="/nonexistent/dir")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename)
r = subprocess.run(["pwd"], cwd="/", capture_output=True)
print(r.stdout)
r = subprocess.run(["sh", "-c", "echo $LADON_TEST_VAR"], env={"LADON_TEST_VAR": "from env"},
                   capture_output=True)
print(r.stdout)
p = subprocess.Popen(["sh", "-c", "read x; echo got $x"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE)
out, _ = p.communicate(b"line\n")
print(out, p.wait())
print(subprocess.getoutput("echo getoutput"), subprocess.getstatusoutput("exit 2"))
