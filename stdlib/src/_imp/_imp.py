# Body of the native `_imp` module (see mod.rs): what importlib needs from CPython's
# Python/import.c, for a VM whose own import system is native (vm/src/import.rs). Ladon has
# no frozen modules and loads no extension modules.
#
# Also the objects the native import system attaches to modules: `ModuleSpec` (as
# importlib._bootstrap.ModuleSpec) and `_NamespacePath`, and the meta path finder that, on
# first use, installs importlib's own finders so that importlib.import_module, reload and
# util.find_spec work.

import sys
import _thread

check_hash_based_pycs = 'default'
pyc_magic_number_token = 168627755

_lock = _thread.RLock()


def acquire_lock():
    """Acquires the interpreter's import lock for the current thread."""
    _lock.acquire()


def release_lock():
    """Release the interpreter's import lock."""
    if not _lock._is_owned():
        raise RuntimeError("not holding the import lock")
    _lock.release()


def lock_held():
    """Return True if the import lock is currently held, else False."""
    return _lock._is_owned()


def is_builtin(name):
    """Returns True if the module name corresponds to a built-in module."""
    if name in ('sys', 'builtins'):
        return -1
    return 1 if name in sys.builtin_module_names else 0


def create_builtin(spec):
    """Create an extension module."""
    name = spec.name
    if not isinstance(name, str):
        raise TypeError(f"name must be string, not {type(name).__name__}")
    mod = sys.modules.get(name)
    if mod is not None:
        return mod
    return _create_native(name)  # noqa: F821 (installed by mod.rs)


def exec_builtin(mod):
    """Initialize a built-in module."""
    return 0


def is_frozen(name):
    """Returns True if the module name corresponds to a frozen module."""
    return False


def is_frozen_package(name):
    """Returns True if the module name is of a frozen package."""
    raise ImportError(f"No such frozen object named {name!r}", name=name)


def find_frozen(name, *, withdata=False):
    """Return info about the corresponding frozen module (if there is one) or None."""
    return None


def get_frozen_object(name, data=None):
    """Create a code object for a frozen module."""
    raise ImportError(f"No such frozen object named {name!r}", name=name)


def init_frozen(name):
    """Initializes a frozen module."""
    return None


def _frozen_module_names():
    """Returns the list of available frozen modules."""
    return ()


def _override_frozen_modules_for_tests(override):
    """(internal-only) Override PyConfig.use_frozen_modules."""
    return None


def _override_multi_interp_extensions_check(override):
    """(internal-only) Override PyInterpreterConfig.check_multi_interp_extensions."""
    return -1


def extension_suffixes():
    """Returns the list of file suffixes used to identify extension modules."""
    return []


def create_dynamic(spec, file=None):
    """Create an extension module."""
    raise ImportError("Ladon cannot load extension modules", name=spec.name)


def exec_dynamic(mod):
    """Initialize an extension module."""
    return 0


def _fix_co_filename(code, path):
    """Changes code.co_filename to specify the passed-in file path."""
    return None


def source_hash(key, source):
    import _sha2
    data = key.to_bytes(8, 'little') + bytes(source)
    return _sha2.sha256(data).digest()[:8]


# --- objects of the native import system ---

class ModuleSpec:
    """The specification for a module, used for loading."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        args = [f'name={self.name!r}', f'loader={self.loader!r}']
        if self.origin is not None:
            args.append(f'origin={self.origin!r}')
        if self.submodule_search_locations is not None:
            args.append(f'submodule_search_locations={self.submodule_search_locations}')
        return f'{self.__class__.__name__}({", ".join(args)})'

    def __eq__(self, other):
        smsl = self.submodule_search_locations
        try:
            return (self.name == other.name and
                    self.loader == other.loader and
                    self.origin == other.origin and
                    smsl == other.submodule_search_locations and
                    self.cached == other.cached and
                    self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        if self._cached is None and self.origin is not None and self._set_fileattr:
            try:
                import importlib.util
                self._cached = importlib.util.cache_from_source(self.origin)
            except (ImportError, NotImplementedError, ValueError):
                pass
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        """The name of the module's parent."""
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


ModuleSpec.__module__ = '_frozen_importlib'


class _NamespacePath:
    """The __path__ of a namespace package: its portions on the parent's path."""

    def __init__(self, name, path):
        self._name = name
        self._path = list(path)

    def __iter__(self):
        return iter(self._path)

    def __getitem__(self, index):
        return self._path[index]

    def __setitem__(self, index, path):
        self._path[index] = path

    def __len__(self):
        return len(self._path)

    def __repr__(self):
        return f'_NamespacePath({self._path!r})'

    def __contains__(self, item):
        return item in self._path

    def append(self, item):
        self._path.append(item)


_NamespacePath.__module__ = '_frozen_importlib_external'


def _spec(name, origin, search_locations, builtin):
    """The `__spec__` the native import system gives a module."""
    spec = ModuleSpec(name, None, origin=origin, is_package=search_locations is not None)
    if search_locations is not None:
        spec.submodule_search_locations = search_locations
    spec.has_location = origin is not None and not builtin
    return spec


class _LadonFinder:
    """Installs importlib's finders the first time importlib's own machinery looks for a
    module, then lets them answer."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        meta_path = sys.meta_path
        if cls in meta_path:
            meta_path.remove(cls)
        from importlib import _bootstrap, _bootstrap_external
        for finder in (_bootstrap.BuiltinImporter, _bootstrap.FrozenImporter,
                       _bootstrap_external.PathFinder):
            if finder not in meta_path:
                meta_path.append(finder)
        if not any(getattr(h, '__qualname__', '').startswith('FileFinder.path_hook')
                   for h in sys.path_hooks):
            loaders = _bootstrap_external._get_supported_file_loaders()
            sys.path_hooks.append(_bootstrap_external.FileFinder.path_hook(*loaders))
        for finder in list(meta_path):
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                return spec
        return None

    @classmethod
    def invalidate_caches(cls):
        pass


if _LadonFinder not in sys.meta_path:
    sys.meta_path.append(_LadonFinder)

# As importlib's `_setup`: built-in modules that were loaded before `_imp` itself (`sys`,
# `builtins`, `_thread`, ...) get their specs now.
for _name, _module in list(sys.modules.items()):
    if (_name in sys.builtin_module_names and type(_module) is type(sys)
            and getattr(_module, '__spec__', None) is None):
        _module.__spec__ = _spec(_name, 'built-in', None, True)
del _name, _module
