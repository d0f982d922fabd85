t = t'abc
