x = 1jnot in y
