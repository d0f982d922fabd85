# Body of Ladon's `_string` (run by stdlib/src/_string/mod.rs after its Rust functions
# `_parse` and `_split` are installed). The Rust side parses eagerly; these wrappers give
# the items back lazily and raise a parse error where CPython's iterator would.
"""string helper module"""


def _items(items, err):
    yield from items
    if err is not None:
        raise err


def formatter_parser(s, /):
    items, err = _parse(s)
    return _items(items, err)


def formatter_field_name_split(s, /):
    first, rest, err = _split(s)
    return first, _items(rest, err)
