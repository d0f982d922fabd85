from a import (b, c,)
from a import b, c,
