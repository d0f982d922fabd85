# __init_subclass__ with keyword arguments, and registries.
class Plugin:
    registry = []
    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
class Alpha(Plugin): pass
class Beta(Plugin, name="custom-beta"): pass
class Gamma(Beta): pass
print(Plugin.registry, Gamma.plugin_name)
try:
    class Bad(Plugin, unknown=1): pass
except TypeError as e:
    print(e)
class Base:
    def __init_subclass__(cls):
        print("init_subclass", cls.__name__, cls.__mro__[1].__name__)
class Sub(Base): pass
class SubSub(Sub): pass
print(type(Base.__dict__["__init_subclass__"]).__name__)
try:
    class X(object, flag=True): pass
except TypeError as e:
    print(e)
