# A metaclass's mro() runs during class creation and may already read the namespace.
seen = []


class Meta(type):
    def mro(cls):
        seen.append(sorted(k for k in cls.__dict__ if not k.startswith("__")))
        return type.mro(cls)


class A(metaclass=Meta):
    x = 1

    def f(self):
        return 2


print(seen, A.__mro__ == (A, object), A().f())
