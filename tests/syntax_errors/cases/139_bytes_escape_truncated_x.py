b = b'\x4'
