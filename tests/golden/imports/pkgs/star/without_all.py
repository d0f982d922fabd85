import os as _os
visible = "visible"
_hidden = "hidden"
def func():
    return "func"
