# Body of the native `_typing` module (see mod.rs): CPython 3.14's Objects/typevarobject.c
# written in Python. The behaviour that CPython's C code delegates to `typing.py`
# (substitution, Generic's subscription and subclass checks) is delegated the same way.

import sys as _sys

Union = _union_type  # noqa: F821 (installed by mod.rs: the VM's `int | str` type)


def _caller_module(depth=2):
    try:
        return _sys._getframemodulename(depth) or '__main__'
    except (AttributeError, ValueError):
        return '__main__'


def _call_typing(name, *args):
    import typing
    return getattr(typing, name)(*args)


class NoDefaultType:
    __slots__ = ()
    _instance = None

    def __new__(cls, *args, **kwargs):
        if args or kwargs:
            raise TypeError("NoDefaultType takes no arguments")
        if NoDefaultType._instance is None:
            NoDefaultType._instance = object.__new__(cls)
        return NoDefaultType._instance

    def __repr__(self):
        return 'typing.NoDefault'

    def __reduce__(self):
        return 'NoDefault'


NoDefaultType.__module__ = 'builtins'
NoDefault = NoDefaultType()


class _ConstEvaluator:
    """The `evaluate_*` of a type parameter given an eager value."""
    __slots__ = ('value',)

    def __init__(self, value):
        self.value = value

    def __call__(self, format):
        if format == 4:  # annotationlib.Format.STRING
            import annotationlib
            return annotationlib.type_repr(self.value)
        return self.value

    def __repr__(self):
        return f'<constevaluator {self.value!r}>'


class _Lazy:
    """A value computed on first use by an evaluate function (compiler-made or constant)."""
    __slots__ = ('evaluate', 'value', 'done')

    def __init__(self, evaluate=None, value=None, done=False):
        self.evaluate = evaluate
        self.value = value
        self.done = done

    def get(self):
        if not self.done:
            self.value = self.evaluate(1)
            self.done = True
        return self.value

    def evaluator(self):
        if self.evaluate is not None:
            return self.evaluate
        if self.done:
            return _ConstEvaluator(self.value)
        return None


def _type_param_or(self, right):
    return Union[self, right]


def _type_param_ror(self, left):
    return Union[left, self]


def _no_subclass(name):
    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass an instance of {name}")
    return __mro_entries__


class _TypeParamBase:
    __slots__ = ()

    def has_default(self):
        return self._default is not None

    @property
    def __default__(self):
        d = self._default
        return NoDefault if d is None else d.get()

    @property
    def evaluate_default(self):
        d = self._default
        return None if d is None else d.evaluator()

    def __reduce__(self):
        return self.__name__



def _default_lazy(default):
    if default is NoDefault:
        return None
    return _Lazy(value=default, done=True)


class TypeVar(_TypeParamBase):
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False, infer_variance=False, default=NoDefault):
        if not isinstance(name, str):
            raise TypeError(f"typevar() argument 'name' must be str, not {type(name).__name__}")
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if infer_variance and (covariant or contravariant):
            raise ValueError("Variance cannot be specified with infer_variance.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        if bound is not None:
            bound = _call_typing('_type_check', bound, "Bound must be a type.")
        self.__name__ = name
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        self._bound = None if bound is None else _Lazy(value=bound, done=True)
        self._constraints = _Lazy(value=tuple(constraints), done=True) if constraints else None
        self._default = _default_lazy(default)
        self.__module__ = _caller_module()

    @property
    def __bound__(self):
        b = self._bound
        return None if b is None else b.get()

    @property
    def __constraints__(self):
        c = self._constraints
        return () if c is None else c.get()

    @property
    def evaluate_bound(self):
        b = self._bound
        return None if b is None else b.evaluator()

    @property
    def evaluate_constraints(self):
        c = self._constraints
        return None if c is None else c.evaluator()

    def __repr__(self):
        if self.__infer_variance__:
            prefix = ''
        elif self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    __or__ = _type_param_or
    __ror__ = _type_param_ror
    __mro_entries__ = _no_subclass('TypeVar')

    def __typing_subst__(self, arg):
        return _call_typing('_typevar_subst', self, arg)

    def __typing_prepare_subst__(self, alias, args):
        params = alias.__parameters__
        i = params.index(self)
        if i < len(args):
            return args
        if i == len(args) and self.has_default():
            return (*args, self.__default__)
        raise TypeError(f"Too few arguments for {alias}; actual {len(args)}, "
                        f"expected at least {i + 1}")


class ParamSpecArgs:
    """The args for a ParamSpec object."""
    __slots__ = ('__origin__',)

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        o = self.__origin__
        return f"{o.__name__}.args" if isinstance(o, ParamSpec) else f"{o!r}.args"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecArgs):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((ParamSpecArgs, self.__origin__))

    __mro_entries__ = _no_subclass('ParamSpecArgs')


class ParamSpecKwargs:
    """The kwargs for a ParamSpec object."""
    __slots__ = ('__origin__',)

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        o = self.__origin__
        return f"{o.__name__}.kwargs" if isinstance(o, ParamSpec) else f"{o!r}.kwargs"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecKwargs):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((ParamSpecKwargs, self.__origin__))

    __mro_entries__ = _no_subclass('ParamSpecKwargs')


class ParamSpec(_TypeParamBase):
    """Parameter specification variable."""

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False,
                 infer_variance=False, default=NoDefault):
        if not isinstance(name, str):
            raise TypeError(f"paramspec() argument 'name' must be str, not {type(name).__name__}")
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if infer_variance and (covariant or contravariant):
            raise ValueError("Variance cannot be specified with infer_variance.")
        if bound is not None:
            bound = _call_typing('_type_check', bound, "Bound must be a type.")
        self.__name__ = name
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        self._default = _default_lazy(default)
        self.__module__ = _caller_module()

    @property
    def args(self):
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        return ParamSpecKwargs(self)

    def __repr__(self):
        if self.__infer_variance__:
            prefix = ''
        elif self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    __or__ = _type_param_or
    __ror__ = _type_param_ror
    __mro_entries__ = _no_subclass('ParamSpec')

    def __typing_subst__(self, arg):
        return _call_typing('_paramspec_subst', self, arg)

    def __typing_prepare_subst__(self, alias, args):
        return _call_typing('_paramspec_prepare_subst', self, alias, args)


class TypeVarTuple(_TypeParamBase):
    """Type variable tuple."""

    def __init__(self, name, *, default=NoDefault):
        if not isinstance(name, str):
            raise TypeError(f"typevartuple() argument 'name' must be str, not {type(name).__name__}")
        self.__name__ = name
        self._default = _default_lazy(default)
        self.__module__ = _caller_module()

    def __iter__(self):
        import typing
        yield typing.Unpack[self]

    def __repr__(self):
        return self.__name__

    __mro_entries__ = _no_subclass('TypeVarTuple')

    def __typing_subst__(self, arg):
        raise TypeError("Substitution of bare TypeVarTuple is not supported")

    def __typing_prepare_subst__(self, alias, args):
        return _call_typing('_typevartuple_prepare_subst', self, alias, args)


class TypeAliasType:
    """Type alias."""

    def __init__(self, name, value, *, type_params=()):
        if not isinstance(name, str):
            raise TypeError(f"typealias() argument 'name' must be str, not {type(name).__name__}")
        if not isinstance(type_params, tuple):
            raise TypeError("type_params must be a tuple")
        seen_default = False
        for p in type_params:
            if not isinstance(p, (TypeVar, ParamSpec, TypeVarTuple)):
                raise TypeError(f"Expected a type param, got {p!r}")
            if p.has_default():
                seen_default = True
            elif seen_default:
                raise TypeError(f"non-default type parameter '{p!r}' "
                                "follows default type parameter")
        self.__name__ = name
        self.__qualname__ = name
        self._type_params = type_params
        self._value = _Lazy(value=value, done=True)
        self.__module__ = _caller_module()

    @property
    def __value__(self):
        return self._value.get()

    @property
    def evaluate_value(self):
        return self._value.evaluator()

    @property
    def __type_params__(self):
        return self._type_params

    @property
    def __parameters__(self):
        params = []
        for p in self._type_params:
            if isinstance(p, TypeVarTuple):
                params.extend(p)
            else:
                params.append(p)
        return tuple(params)

    def __repr__(self):
        return self.__name__

    def __getitem__(self, parameters):
        if not self._type_params:
            raise TypeError("Only generic type aliases are subscriptable")
        if not isinstance(parameters, tuple):
            parameters = (parameters,)
        import types
        return types.GenericAlias(self, parameters)

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    def __iter__(self):
        import typing
        yield typing.Unpack[self]

    def __reduce__(self):
        return self.__name__


    def __mro_entries__(self, bases):
        raise TypeError("typealias() takes exactly 2 positional arguments "
                        f"({len(bases) + 1} given)")


class Generic:
    """Abstract base class for generic types.

    On Python 3.12 and newer, generic classes implicitly inherit from
    Generic when they declare a parameter list after the class's name::

        class Mapping[KT, VT]:
            def __getitem__(self, key: KT) -> VT:
                ...
            # Etc.

    On older versions of Python, however, generic classes have to
    explicitly inherit from Generic.

    After a class has been declared to be generic, it can then be used as
    follows::

        def lookup_name[KT, VT](mapping: Mapping[KT, VT], key: KT, default: VT) -> VT:
            try:
                return mapping[key]
            except KeyError:
                return default
    """
    __slots__ = ()

    def __class_getitem__(cls, params):
        return _call_typing('_generic_class_getitem', cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        return _call_typing('_generic_init_subclass', cls, *args, **kwargs)


# --- helpers for the compiler's intrinsics (vm/src/typing_intrinsics.rs) ---

def _make_typevar(name, evaluate_bound, evaluate_constraints, module):
    tv = TypeVar.__new__(TypeVar)
    tv.__name__ = name
    tv.__covariant__ = False
    tv.__contravariant__ = False
    tv.__infer_variance__ = True
    tv._bound = None if evaluate_bound is None else _Lazy(evaluate_bound)
    tv._constraints = None if evaluate_constraints is None else _Lazy(evaluate_constraints)
    tv._default = None
    tv.__module__ = module
    return tv


def _make_paramspec(name, module):
    p = ParamSpec.__new__(ParamSpec)
    p.__name__ = name
    p.__bound__ = None
    p.__covariant__ = False
    p.__contravariant__ = False
    p.__infer_variance__ = True
    p._default = None
    p.__module__ = module
    return p


def _make_typevartuple(name, module):
    p = TypeVarTuple.__new__(TypeVarTuple)
    p.__name__ = name
    p._default = None
    p.__module__ = module
    return p


def _set_default(param, evaluate_default):
    param._default = _Lazy(evaluate_default)
    return param


def _make_typealias(name, type_params, evaluate_value, module):
    a = TypeAliasType.__new__(TypeAliasType)
    a.__name__ = name
    a.__qualname__ = name
    a._type_params = () if type_params is None else type_params
    a._value = _Lazy(evaluate_value)
    a.__module__ = module
    return a


def _subscript_generic(params):
    return _call_typing('_generic_class_getitem', Generic, params)


def _final(cls):
    def __init_subclass__(sub, *args, **kwargs):
        raise TypeError(f"type 'typing.{cls.__name__}' is not an acceptable base type")
    cls.__init_subclass__ = classmethod(__init_subclass__)


for _c in (TypeVar, ParamSpec, TypeVarTuple, ParamSpecArgs, ParamSpecKwargs,
           TypeAliasType, Generic):
    _c.__module__ = 'typing'
    if _c is not Generic:
        _final(_c)
del _c, _final


def _subs_parameters(alias, item):
    """`alias[item]` for the VM's GenericAlias and Union: the new `__args__`
    (CPython's `_Py_subs_parameters`)."""
    params = alias.__parameters__
    if not params:
        raise TypeError(f"{alias!r} is not a generic class")
    args = item if isinstance(item, tuple) else (item,)
    for param in params:
        prepare = getattr(param, '__typing_prepare_subst__', None)
        if prepare is not None:
            args = prepare(alias, args)
    alen, plen = len(args), len(params)
    if alen != plen:
        raise TypeError(f"Too {'many' if alen > plen else 'few'} arguments for {alias!r};"
                        f" actual {alen}, expected {plen}")
    subst = dict(zip(params, args))
    new_args = []
    for arg in alias.__args__:
        if isinstance(arg, type):
            new_args.append(arg)
            continue
        substfunc = getattr(arg, '__typing_subst__', None)
        if substfunc is not None:
            arg = substfunc(subst[arg])
        else:
            subparams = getattr(arg, '__parameters__', ())
            if isinstance(subparams, tuple) and subparams:
                subargs = tuple(subst[x] for x in subparams)
                arg = arg[subargs[0] if len(subargs) == 1 else subargs]
        if isinstance(arg, TypeVarTuple):
            new_args.extend(arg)
        else:
            new_args.append(arg)
    return tuple(new_args)
