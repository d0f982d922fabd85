# Body of the native `_abc` module (see mod.rs): the helpers `abc.ABCMeta` calls, following
# CPython's Modules/_abc.c. Differences: the registry and caches hold strong references (the
# VM's weak references are not ready), and each ABC records its ABC subclasses itself because
# `type.__subclasses__()` is not tracked by the VM yet.

_abc_invalidation_counter = 0


class _abc_data:
    """Internal state held by ABC machinery."""
    __slots__ = ('registry', 'cache', 'negative_cache', 'negative_cache_version',
                 'subclasses')

    def __init__(self):
        self.registry = []
        self.cache = set()
        self.negative_cache = set()
        self.negative_cache_version = _abc_invalidation_counter
        self.subclasses = []


def get_cache_token():
    """Returns the current ABC cache token."""
    return _abc_invalidation_counter


def _get_impl(cls):
    impl = cls._abc_impl
    if type(impl) is not _abc_data:
        raise TypeError("_abc_impl is set to a wrong type")
    return impl


def _abc_init(cls):
    """Internal ABC helper for class set-up. Should be never used outside abc module."""
    abstracts = set()
    for name, value in cls.__dict__.items():
        if getattr(value, "__isabstractmethod__", False):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if getattr(value, "__isabstractmethod__", False):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    cls._abc_impl = _abc_data()
    if '__abc_tpflags__' in cls.__dict__:
        try:
            delattr(cls, '__abc_tpflags__')
        except (AttributeError, TypeError):
            pass
    for base in cls.__bases__:
        impl = getattr(base, '_abc_impl', None)
        if type(impl) is _abc_data:
            impl.subclasses.append(cls)


def _abc_register(cls, subclass):
    """Internal ABC helper for subclasss registration. Should be never used outside abc module."""
    global _abc_invalidation_counter
    if not isinstance(subclass, type):
        raise TypeError("Can only register classes")
    if issubclass(subclass, cls):
        return subclass
    if issubclass(cls, subclass):
        raise RuntimeError("Refusing to create an inheritance cycle")
    impl = _get_impl(cls)
    if not any(r is subclass for r in impl.registry):
        impl.registry.append(subclass)
    _abc_invalidation_counter += 1
    return subclass


def _abc_instancecheck(cls, instance):
    """Internal ABC helper for instance checks. Should be never used outside abc module."""
    impl = cls._abc_impl  # _get_impl inlined: this is the hot path of isinstance()
    if type(impl) is not _abc_data:
        raise TypeError("_abc_impl is set to a wrong type")
    subclass = instance.__class__
    if subclass in impl.cache:
        return True
    subtype = type(instance)
    if subtype is subclass:
        if (impl.negative_cache_version == _abc_invalidation_counter and
                subclass in impl.negative_cache):
            return False
        return cls.__subclasscheck__(subclass)
    return any(cls.__subclasscheck__(c) for c in (subclass, subtype))


def _subclasses(cls, impl):
    out = list(type.__subclasses__(cls))
    for c in impl.subclasses:
        if not any(c is x for x in out):
            out.append(c)
    return out


def _abc_subclasscheck(cls, subclass):
    """Internal ABC helper for subclasss checks. Should be never used outside abc module."""
    if not isinstance(subclass, type):
        raise TypeError('issubclass() arg 1 must be a class')
    impl = cls._abc_impl
    if type(impl) is not _abc_data:
        raise TypeError("_abc_impl is set to a wrong type")
    if subclass in impl.cache:
        return True
    if impl.negative_cache_version < _abc_invalidation_counter:
        impl.negative_cache = set()
        impl.negative_cache_version = _abc_invalidation_counter
    elif subclass in impl.negative_cache:
        return False
    ok = cls.__subclasshook__(subclass)
    if ok is not NotImplemented:
        if not isinstance(ok, bool):
            raise AssertionError("__subclasshook__ must return either False, True, or NotImplemented")
        if ok:
            impl.cache.add(subclass)
        else:
            impl.negative_cache.add(subclass)
        return ok
    if cls in getattr(subclass, '__mro__', ()):
        impl.cache.add(subclass)
        return True
    for rcls in impl.registry:
        if issubclass(subclass, rcls):
            impl.cache.add(subclass)
            return True
    for scls in _subclasses(cls, impl):
        if issubclass(subclass, scls):
            impl.cache.add(subclass)
            return True
    impl.negative_cache.add(subclass)
    return False


def _get_dump(cls):
    """Internal ABC helper for cache and registry debugging."""
    impl = _get_impl(cls)
    return (set(impl.registry), set(impl.cache), set(impl.negative_cache),
            impl.negative_cache_version)


def _reset_registry(cls):
    """Internal ABC helper to reset registry of a given class."""
    _get_impl(cls).registry.clear()


def _reset_caches(cls):
    """Internal ABC helper to reset both caches of a given class."""
    impl = _get_impl(cls)
    impl.cache.clear()
    impl.negative_cache.clear()
