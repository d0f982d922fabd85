g = lambda if: 1
