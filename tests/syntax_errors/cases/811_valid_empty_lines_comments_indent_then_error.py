def f():

    # c
        # deeper comment
    return 1
  # dedented comment
f() = 1
