# Body of Ladon's `atexit` (run by stdlib/src/atexit/mod.rs in the module's namespace).
# Behaviour follows CPython 3.14's Modules/atexitmodule.c.
"""allow programmer to define multiple exit functions to be executed
upon normal program termination.

Two public functions, register and unregister, are defined.
"""

from _thread import allocate_lock as _allocate_lock

_lock = _allocate_lock()
_callbacks = []


def register(func, /, *args, **kwargs):
    """Register a function to be executed upon normal program termination

    func - function to be called at exit
    args - optional arguments to pass to func
    kwargs - optional keyword arguments to pass to func

    func is returned to facilitate usage as a decorator."""
    if not callable(func):
        raise TypeError('the first argument must be callable')
    with _lock:
        _callbacks.append((func, args, kwargs))
    return func


def unregister(func, /):
    """Unregister an exit function which was previously registered using
    atexit.register

    func - function to be unregistered"""
    # `==` may run Python code: compare outside the lock, then remove by identity.
    with _lock:
        snapshot = list(_callbacks)
    dead = [entry for entry in snapshot if entry[0] == func]
    with _lock:
        _callbacks[:] = [e for e in _callbacks if not any(e is d for d in dead)]


def _clear():
    """Clear the list of previously registered exit functions."""
    with _lock:
        _callbacks.clear()


def _ncallbacks():
    """Return the number of registered exit functions."""
    return len(_callbacks)


def _run_exitfuncs():
    """Run all registered exit functions.

    If a callback raises an exception, it is logged with sys.unraisablehook."""
    while True:
        with _lock:
            if not _callbacks:
                return
            func, args, kwargs = _callbacks.pop()
        try:
            func(*args, **kwargs)
        except BaseException as exc:
            import sys
            try:
                sys.stderr.flush()
            except Exception:
                pass
            print(f'Exception ignored in atexit callback {func!r}:', file=sys.stderr)
            import traceback
            traceback.print_exception(exc, file=sys.stderr)
