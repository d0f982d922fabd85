//! Expected compile errors and warnings, from CPython 3.14.

/// (source, CPython 3.14's message, line) — generated with CPython 3.14's `compile()`.
pub(super) const ERROR_CASES: &[(&str, &str, u32)] = &[
    (
        "def f(a):\n    global a",
        "name 'a' is parameter and global",
        2,
    ),
    (
        "def f():\n    x = 1\n    global x",
        "name 'x' is assigned to before global declaration",
        3,
    ),
    (
        "def f():\n    print(x)\n    global x",
        "name 'x' is used prior to global declaration",
        3,
    ),
    (
        "nonlocal x",
        "nonlocal declaration not allowed at module level",
        1,
    ),
    (
        "def f():\n    nonlocal x",
        "no binding for nonlocal 'x' found",
        2,
    ),
    (
        "def f(a, a): pass",
        "duplicate argument 'a' in function definition",
        1,
    ),
    (
        "[x for x in (y := [1])]",
        "assignment expression cannot be used in a comprehension iterable expression",
        1,
    ),
    (
        "def f():\n    [(yield) for x in y]",
        "'yield' inside list comprehension",
        2,
    ),
    (
        "def f():\n    {(yield) for x in y}",
        "'yield' inside set comprehension",
        2,
    ),
    (
        "def f():\n    {(yield): 1 for x in y}",
        "'yield' inside dict comprehension",
        2,
    ),
    (
        "def f():\n    ((yield) for x in y)",
        "'yield' inside generator expression",
        2,
    ),
    (
        "def f():\n    x: int\n    global x",
        "annotated name 'x' can't be global",
        3,
    ),
    ("return 1", "'return' outside function", 1),
    ("yield 1", "'yield' outside function", 1),
    ("yield from x", "'yield from' outside function", 1),
    ("await x", "'await' outside function", 1),
    ("def f():\n    await x", "'await' outside async function", 2),
    ("break", "'break' outside loop", 1),
    ("continue", "'continue' not properly in loop", 1),
    (
        "async def f():\n    yield 1\n    return 2",
        "'return' with value in async generator",
        3,
    ),
    (
        "def f():\n    [x async for x in y]",
        "asynchronous comprehension outside of an asynchronous function",
        2,
    ),
    (
        "a, *b, *c = d",
        "multiple starred expressions in assignment",
        1,
    ),
    (
        "*a = b",
        "starred assignment target must be in a list or tuple",
        1,
    ),
    (
        "async def f():\n    yield from x",
        "'yield from' inside async function",
        2,
    ),
    (
        "match x:\n    case [a, a]: pass",
        "multiple assignments to name 'a' in pattern",
        2,
    ),
    (
        "match x:\n    case a: pass\n    case b: pass",
        "name capture 'a' makes remaining patterns unreachable",
        2,
    ),
    (
        "match x:\n    case _: pass\n    case b: pass",
        "wildcard makes remaining patterns unreachable",
        2,
    ),
    (
        "match x:\n    case a | b: pass",
        "name capture 'a' makes remaining patterns unreachable",
        2,
    ),
    (
        "match x:\n    case {'a': 1, 'a': 2}: pass",
        "mapping pattern checks duplicate key ('a')",
        2,
    ),
    (
        "match x:\n    case C(a=1, a=2): pass",
        "attribute name repeated in class pattern: a",
        2,
    ),
    ("f(a=1, a=2)", "keyword argument repeated: a", 1),
    (
        "class C:\n    [(y := 1) for x in z]",
        "assignment expression within a comprehension cannot be used in a class body",
        2,
    ),
    (
        "[(x := 1) for x in y]",
        "assignment expression cannot rebind comprehension iteration variable 'x'",
        1,
    ),
    (
        "[i for i in range(3) for j in (i := [])]",
        "assignment expression cannot be used in a comprehension iterable expression",
        1,
    ),
    (
        "def f():\n    from x import *",
        "import * only allowed at module level",
        2,
    ),
    (
        "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass",
        "default 'except:' must be last",
        3,
    ),
    (
        "try:\n    pass\nexcept* ValueError:\n    break",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        4,
    ),
    (
        "for x in y:\n    try:\n        pass\n    except* ValueError:\n        continue",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        5,
    ),
    (
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x",
        "name 'x' is nonlocal and global",
        4,
    ),
    (
        "def f[T](): nonlocal T",
        "nonlocal binding not allowed for type parameter 'T'",
        1,
    ),
    ("type X[T, T] = int", "duplicate type parameter 'T'", 1),
    (
        "def f[__classdict__](): pass",
        "reserved name '__classdict__' cannot be used for type parameter",
        1,
    ),
    (
        "class C[T]:\n    x: (yield)",
        "yield expression cannot be used within an annotation",
        2,
    ),
    (
        "def f(x: (yield)): pass",
        "yield expression cannot be used within an annotation",
        1,
    ),
    (
        "def f[T: (yield)](): pass",
        "yield expression cannot be used within a TypeVar bound",
        1,
    ),
    (
        "type X = (yield)",
        "yield expression cannot be used within a type alias",
        1,
    ),
    (
        "def f[T](x: (y := 1)): pass",
        "named expression cannot be used within an annotation",
        1,
    ),
    ("from __future__ import braces", "not a chance", 1),
    (
        "from __future__ import nonsense",
        "future feature nonsense is not defined",
        1,
    ),
    (
        "x = 1\nfrom __future__ import annotations",
        "from __future__ imports must occur at the beginning of the file",
        2,
    ),
    (
        "async def f():\n    def g():\n        await x",
        "'await' outside async function",
        3,
    ),
    ("class C:\n    await x", "'await' outside function", 2),
    (
        "def f():\n    class C:\n        nonlocal x",
        "no binding for nonlocal 'x' found",
        3,
    ),
    (
        "async with x: pass",
        "'async with' outside async function",
        1,
    ),
    (
        "async for x in y: pass",
        "'async for' outside async function",
        1,
    ),
    (
        "def f():\n    async with x: pass",
        "'async with' outside async function",
        2,
    ),
    (
        "def f(a):\n    nonlocal a",
        "name 'a' is parameter and nonlocal",
        2,
    ),
    (
        "def f():\n    x = 1\n    nonlocal x",
        "name 'x' is assigned to before nonlocal declaration",
        3,
    ),
    (
        "def f():\n    del x\n    global x",
        "name 'x' is assigned to before global declaration",
        3,
    ),
    (
        "match p:\n    case (e as f): g\n    case _: i",
        "name capture 'e' makes remaining patterns unreachable",
        2,
    ),
    (
        "match p:\n    case [x, x]: pass",
        "multiple assignments to name 'x' in pattern",
        2,
    ),
    (
        "match p:\n    case {1: a, 1: b}: pass",
        "mapping pattern checks duplicate key (1)",
        2,
    ),
    (
        "match p:\n    case [a, *b, *c]: pass",
        "multiple starred names in sequence pattern",
        2,
    ),
    (
        "match p:\n    case x.y | (z.w as q): pass",
        "alternative patterns bind different names",
        2,
    ),
];

/// (source, CPython 3.14's SyntaxWarnings).
pub(super) const WARNING_CASES: &[(&str, &[&str])] = &[
    (
        "x is 1",
        &["\"is\" with 'int' literal. Did you mean \"==\"?"],
    ),
    (
        "x is not 'a'",
        &["\"is not\" with 'str' literal. Did you mean \"!=\"?"],
    ),
    (
        "def f():\n    try:\n        pass\n    finally:\n        return 1",
        &["'return' in a 'finally' block"],
    ),
    (
        "for x in y:\n    try:\n        pass\n    finally:\n        break",
        &["'break' in a 'finally' block"],
    ),
    (
        "for x in y:\n    try:\n        pass\n    finally:\n        continue",
        &["'continue' in a 'finally' block"],
    ),
    (
        "1()",
        &["'int' object is not callable; perhaps you missed a comma?"],
    ),
    (
        "assert (x, 'msg')",
        &["assertion is always true, perhaps remove parentheses?"],
    ),
    (
        "x = 1[2]",
        &["'int' object is not subscriptable; perhaps you missed a comma?"],
    ),
    (
        "try:\n    pass\nfinally:\n    for x in y:\n        break",
        &[],
    ),
    (
        "try:\n    pass\nfinally:\n    def f():\n        return 1",
        &[],
    ),
];
