class A[]:
    pass
