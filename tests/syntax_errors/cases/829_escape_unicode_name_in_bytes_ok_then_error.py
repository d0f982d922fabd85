b = b'\N{DASH}'
c = (]
