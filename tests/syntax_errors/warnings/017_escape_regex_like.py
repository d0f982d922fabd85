import re
pat = re.compile('\s+\d')
