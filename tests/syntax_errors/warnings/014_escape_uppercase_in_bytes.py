x = b'\N{DASH}'
