match p:
    case Point(x=0, y=0) | [1, *_] | {'k': [_, *rest], **kw} if rest:
        pass
    case (1 | 2) as n, -3.5 + 2j, a.b.c, None, True:
        pass
    case _:
        pass
f() = 1
