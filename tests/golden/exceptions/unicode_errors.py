# UnicodeDecodeError / UnicodeEncodeError attributes and messages.
try:
    b"ok\xff\xfeok".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason, "|", e)
try:
    "naïve ☃".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, repr(e.object), e.start, e.end, e.reason, "|", e)
try:
    "x\udc80".encode("utf-8")
except UnicodeEncodeError as e:
    print(e.reason, "|", e)
try:
    b"\xe2\x82".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.reason, "|", e)
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeError, ValueError))
e = UnicodeDecodeError("utf-8", b"ab", 0, 1, "custom reason")
print(str(e), e.args)
