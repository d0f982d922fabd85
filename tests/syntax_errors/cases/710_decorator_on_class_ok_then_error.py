@dec
class A:
    pass
@dec
