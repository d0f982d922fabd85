//! End-to-end checks of the interpreter core: compile a snippet, run it as a module, and read
//! its globals back. Python-visible behaviour is covered by the golden corpus
//! (tests/golden); these pin down the VM's own mechanisms (calls without Rust recursion,
//! exceptions, generators, classes, threads).

use vm::objects::dict::PyDict;
use vm::{Runtime, ThreadState, Value};

/// Runs `src` in a fresh module namespace on a big-stack thread; returns `repr()` of the
/// global `result` (or the exception's repr).
fn run(src: &'static str) -> String {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let rt = Runtime::get();
            let ts = ThreadState::new(rt.clone()).expect("fresh thread");
            let code = match vm::import::compile_source(&ts, src, "<test>", frontend::Mode::Exec) {
                Ok(c) => c,
                Err(e) => return format!("SyntaxError {:?}", e.value()),
            };
            let g = ts.new_dict();
            let gd = g.downcast::<PyDict>().expect("dict");
            gd.set_str(&ts, "__name__", ts.new_str("__test__"));
            let r = vm::interp::eval::run_code(&ts, &code, g.clone(), Some(g.clone()));
            let out: Value = match r {
                Err(e) => e.into_value(),
                Ok(_) => gd.get_str(&ts, "result").unwrap_or_else(vm::runtime::none),
            };
            vm::protocols::repr_string(&ts, &out).unwrap_or_else(|_| "<repr failed>".into())
        })
        .expect("spawn")
        .join()
        .expect("no panic")
}

#[test]
fn arithmetic_and_bigints() {
    assert_eq!(
        run("result = (2**100 + 1) % 7, -7 // 2, 7 % -3, 1/4"),
        "(3, -4, -2, 0.25)"
    );
}

#[test]
fn deep_python_recursion_is_bounded() {
    let r = run("import sys\nsys.setrecursionlimit(50000)\n\
         def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n\
         result = f(40000)");
    assert_eq!(r, "40000");
    let r = run("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    result = str(e)");
    assert_eq!(r, "'maximum recursion depth exceeded'");
}

#[test]
fn exceptions_chain_and_finally() {
    let r = run(
        "log = []\n\
         try:\n    try:\n        1/0\n    finally:\n        log.append('f')\nexcept ZeroDivisionError as e:\n    log.append(type(e.__context__).__name__)\n\
         try:\n    try:\n        {}['k']\n    except KeyError:\n        raise ValueError('v')\nexcept ValueError as e:\n    log.append(type(e.__context__).__name__)\n\
         result = log",
    );
    assert_eq!(r, "['f', 'NoneType', 'KeyError']");
}

#[test]
fn generators_and_comprehensions() {
    let r = run(
        "def g(n):\n    for i in range(n):\n        x = yield i\n        if x: yield x\n\
         it = g(3)\nresult = [next(it), it.send('s'), next(it), list(it), [i*i for i in range(4) if i % 2]]",
    );
    assert_eq!(r, "[0, 's', 1, [2], [1, 9]]");
}

#[test]
fn classes_super_and_dunders() {
    let r = run(
        "class A:\n    def __init__(self, v): self.v = v\n    def __add__(self, o): return A(self.v + o.v)\n    def __repr__(self): return f'A({self.v})'\n\
         class B(A):\n    def __init__(self, v): super().__init__(v * 10)\n\
         result = (A(1) + B(2), B.__mro__[1].__name__, isinstance(B(1), A))",
    );
    assert_eq!(r, "(A(21), 'A', True)");
}

#[test]
fn set_order_matches_cpython() {
    // CPython 3.14 prints {8, 1, 100, 7} for this insertion order (hash = value, size 8 table).
    assert_eq!(run("result = {100, 7, 8, 1}"), "{8, 1, 100, 7}");
}

#[test]
fn threads_count_under_a_lock() {
    let r = run(
        "import _thread\nlock = _thread.allocate_lock()\nn = 0\n\
         def work():\n    global n\n    for _ in range(20000):\n        with lock:\n            n += 1\n\
         hs = [_thread.start_joinable_thread(work) for _ in range(4)]\nfor h in hs: h.join()\nresult = n",
    );
    assert_eq!(r, "80000");
}
