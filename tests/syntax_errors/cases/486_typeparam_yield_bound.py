def f():
    class A[T: (yield)]:
        pass
