def f():
    class A:
        x = 1
        def g():
            nonlocal x
