# Generators and coroutines resumed in line by FOR_ITER / SEND / send(): exceptions raised
# inside keep CPython's tracebacks, finish the generator, and StopIteration becomes
# RuntimeError; gi_running and "already executing" behave as with nested resumption.
import sys
import traceback


def show(fn):
    try:
        fn()
    except BaseException:
        traceback.print_exc(file=sys.stdout)


def failing():
    yield 1
    yield 2
    raise KeyError("boom")


def loop_over_failing():
    g = failing()
    try:
        for x in g:
            print("got", x)
    finally:
        print("finished:", g.gi_frame is None, list(g))


show(loop_over_failing)


def leaf(n):
    yield n
    if n == 0:
        1 / 0
    yield from leaf(n - 1)


def delegate_chain():
    for x in leaf(2):
        print("leaf", x)


show(delegate_chain)


def stopper():
    yield "a"
    raise StopIteration("inner")


def loop_stopper():
    for x in stopper():
        print(x)


show(loop_stopper)


def stopper_from():
    yield from stopper()


show(lambda: print(list(stopper_from())))


async def deep(n):
    if n == 0:
        raise ValueError("deep")
    return await deep(n - 1) + 1


async def top():
    return await deep(3)


def drive():
    c = top()
    c.send(None)


show(drive)


def running_probe():
    g = None

    def gen():
        print("inside: running", g.gi_running, "suspended", g.gi_suspended)
        yield 1
        try:
            next(g)
        except ValueError as e:
            print("inside:", e)
        yield 2

    g = gen()
    for x in g:
        print("outside: running", g.gi_running, "suspended", g.gi_suspended, x)
    print("done: suspended", g.gi_suspended, "frame", g.gi_frame)


running_probe()


def send_target():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


def send_driver():
    g = send_target()
    next(g)
    for i in range(5):
        print("send", g.send(i))
    g.send(None)


show(send_driver)


def handled_state():
    def gen():
        try:
            raise KeyError("inside")
        except KeyError:
            yield sys.exception()
            yield sys.exception()
        yield sys.exception()

    try:
        raise IndexError("outside")
    except IndexError:
        for v in gen():
            print(repr(v), repr(sys.exception()))
    for v in gen():
        print(repr(v), repr(sys.exception()))


handled_state()


def context_of_raise():
    def gen():
        yield 1
        raise TypeError("from gen")

    try:
        try:
            raise OSError("handling")
        except OSError:
            for _ in gen():
                pass
    except TypeError as e:
        print(repr(e), repr(e.__context__))


context_of_raise()


def catch_in_caller():
    def gen():
        yield 1
        raise LookupError("x")

    for attempt in range(2):
        try:
            for v in gen():
                print("v", v)
        except LookupError as e:
            print("caught", attempt, repr(e))


catch_in_caller()
