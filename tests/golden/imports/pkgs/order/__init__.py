print("order/__init__ start")
from . import first
print("order/__init__ end, first.TAG =", first.TAG)
