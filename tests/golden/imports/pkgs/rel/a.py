from . import b
from .b import helper
from .sub import c
from .sub.c import deep
A = "a uses " + helper() + " and " + deep()
