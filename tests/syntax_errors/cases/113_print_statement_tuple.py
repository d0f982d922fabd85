import sys
print 1, 2
