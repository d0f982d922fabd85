def f():
    '''Match \w+ here.'''
