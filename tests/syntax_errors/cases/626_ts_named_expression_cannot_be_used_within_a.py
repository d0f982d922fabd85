async def f[T: ((x:= 3), int)](): pass
