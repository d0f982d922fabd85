class A:
    """doc

    def f(self):
        pass
