# os functions encode str paths with surrogateescape; other surrogates raise a full
# UnicodeEncodeError (five arguments).
import os
for p in ["a\udcff\ud800b", "a\ud800", "\udfff"]:
    try:
        os.stat(p)
    except UnicodeEncodeError as e:
        print(e, e.args, e.start, e.end)
    except OSError as e:
        print(type(e).__name__)
