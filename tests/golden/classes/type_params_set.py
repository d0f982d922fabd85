# __type_params__ is writable on classes (functools.wraps copies it), never on builtins.
class A:
    pass


A.__type_params__ = (1,)
print(A.__type_params__)
try:
    del A.__type_params__
except TypeError as e:
    print(e)
try:
    int.__type_params__ = ()
except TypeError as e:
    print(e)


class G[T]:
    pass


print(G.__type_params__, A.__type_params__, int.__type_params__)
