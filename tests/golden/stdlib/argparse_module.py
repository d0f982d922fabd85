# argparse with explicit argument lists: positionals, options, types, choices, subcommands, errors to stderr.
import argparse
p = argparse.ArgumentParser(prog="tool", description="demo", exit_on_error=False)
p.add_argument("src")
p.add_argument("dst", nargs="?", default="out")
p.add_argument("-n", "--count", type=int, default=1)
p.add_argument("-v", "--verbose", action="count", default=0)
p.add_argument("--mode", choices=["fast", "slow"], default="fast")
p.add_argument("--tag", action="append")
p.add_argument("--flag", action="store_true")
print(p.parse_args(["in.txt"]))
print(p.parse_args(["a", "b", "-n", "5", "-vvv", "--mode=slow", "--tag", "x", "--tag", "y", "--flag"]))
ns, extra = p.parse_known_args(["a", "--unknown", "1"])
print(ns.src, extra)
for bad in [["a", "-n", "x"], ["a", "--mode", "medium"]]:
    try:
        p.parse_args(bad)
    except argparse.ArgumentError as e:
        print("ArgumentError:", e)
print(p.format_usage(), end="")
sub = argparse.ArgumentParser(prog="git")
sp = sub.add_subparsers(dest="cmd")
c = sp.add_parser("commit")
c.add_argument("-m")
print(sub.parse_args(["commit", "-m", "msg"]))
strict = argparse.ArgumentParser(prog="strict")
strict.add_argument("x", type=int)
try:
    strict.parse_args([])
except SystemExit as e:
    print("SystemExit", e.code)
