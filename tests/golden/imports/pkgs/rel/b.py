def helper():
    return "b.helper"
