b = b'abc\x'
