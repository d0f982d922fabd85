#!/bin/bash
# Differential test of the compiler: runs CPython test modules twice on CPython 3.14,
# once with Ladon-compiled bytecode for the test module and every module it imports
# (cpython_exec.py --all) and once with CPython's own compiler, and compares the sets
# of failing tests.
#
# usage: frontend/examples/differential.sh OUTDIR test_name...
#   (build first: cargo build --release -p ladon-frontend --example emit_code)
# env: PYTHON (default /root/.cache/cpython314/bin/python3.14), LIB (its Lib dir)
out=$1; shift
py=${PYTHON:-/root/.cache/cpython314/bin/python3.14}
lib=${LIB:-/root/.cache/cpython314/root/usr/lib/python3.14}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for t in "$@"; do
  f=$lib/test/$t.py
  [ -f "$f" ] || f=$lib/test/$t/__init__.py
  [ -f "$f" ] || continue
  for mode in ladon cpython; do
    flag="--all"; [ $mode = cpython ] && flag="--cpython"
    (cd /tmp && timeout 300 "$py" "$here/cpython_exec.py" $flag test "$f" -v > "$out/$t.$mode" 2>&1)
  done
  pat='^(test|runTest).* \.\.\. (FAIL|ERROR)'
  a=$(grep -E "$pat" "$out/$t.cpython" | sort); b=$(grep -E "$pat" "$out/$t.ladon" | sort)
  ra=$(grep -oE "^Ran [0-9]+ test" "$out/$t.cpython"); rb=$(grep -oE "^Ran [0-9]+ test" "$out/$t.ladon")
  if [ "$a" == "$b" ] && [ "$ra" == "$rb" ]; then echo "SAME $t ($rb)"
  else echo "DIFF $t: cpython[$ra] ladon[$rb]"; diff <(echo "$a") <(echo "$b") | head -5; fi
done
