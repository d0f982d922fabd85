def f():
    '''docstring
    more
