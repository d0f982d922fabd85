from .. import b
from ..b import helper
from . import PARENT_NAME
def deep():
    return f"c.deep({helper()}, {PARENT_NAME}, pkg={__package__})"
