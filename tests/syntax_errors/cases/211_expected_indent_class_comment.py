class A:
# just a comment
