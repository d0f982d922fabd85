# The Python half of `_ast`: the node classes of CPython 3.14's `ast` module, built from
# the ASDL summary in `_SPEC`, and the `AST` base class with CPython's constructor, repr,
# pickling and `__replace__` semantics (Python/Python-ast.c). Run once per process by
# stdlib/src/_ast/mod.rs in a scratch namespace; `_build()` returns the classes (in
# definition order) and the operator/context singletons that parsed trees share.
#
# Spec lines: "sum = attr attr? ..." opens an abstract class (an attribute marked ? is
# optional and defaults to None on the class); "  Name field:type ..." is one of its
# constructors; "product field:type ... / attrs" is a product type. A type ending in ?
# is optional, in * a list.

_SPEC = """
mod =
  Module body:stmt* type_ignores:type_ignore*
  Interactive body:stmt*
  Expression body:expr
  FunctionType argtypes:expr* returns:expr
stmt = lineno col_offset end_lineno? end_col_offset?
  FunctionDef name:identifier args:arguments body:stmt* decorator_list:expr* returns:expr? type_comment:string? type_params:type_param*
  AsyncFunctionDef name:identifier args:arguments body:stmt* decorator_list:expr* returns:expr? type_comment:string? type_params:type_param*
  ClassDef name:identifier bases:expr* keywords:keyword* body:stmt* decorator_list:expr* type_params:type_param*
  Return value:expr?
  Delete targets:expr*
  Assign targets:expr* value:expr type_comment:string?
  TypeAlias name:expr type_params:type_param* value:expr
  AugAssign target:expr op:operator value:expr
  AnnAssign target:expr annotation:expr value:expr? simple:int
  For target:expr iter:expr body:stmt* orelse:stmt* type_comment:string?
  AsyncFor target:expr iter:expr body:stmt* orelse:stmt* type_comment:string?
  While test:expr body:stmt* orelse:stmt*
  If test:expr body:stmt* orelse:stmt*
  With items:withitem* body:stmt* type_comment:string?
  AsyncWith items:withitem* body:stmt* type_comment:string?
  Match subject:expr cases:match_case*
  Raise exc:expr? cause:expr?
  Try body:stmt* handlers:excepthandler* orelse:stmt* finalbody:stmt*
  TryStar body:stmt* handlers:excepthandler* orelse:stmt* finalbody:stmt*
  Assert test:expr msg:expr?
  Import names:alias*
  ImportFrom module:identifier? names:alias* level:int?
  Global names:identifier*
  Nonlocal names:identifier*
  Expr value:expr
  Pass
  Break
  Continue
expr = lineno col_offset end_lineno? end_col_offset?
  BoolOp op:boolop values:expr*
  NamedExpr target:expr value:expr
  BinOp left:expr op:operator right:expr
  UnaryOp op:unaryop operand:expr
  Lambda args:arguments body:expr
  IfExp test:expr body:expr orelse:expr
  Dict keys:expr?* values:expr*
  Set elts:expr*
  ListComp elt:expr generators:comprehension*
  SetComp elt:expr generators:comprehension*
  DictComp key:expr value:expr generators:comprehension*
  GeneratorExp elt:expr generators:comprehension*
  Await value:expr
  Yield value:expr?
  YieldFrom value:expr
  Compare left:expr ops:cmpop* comparators:expr*
  Call func:expr args:expr* keywords:keyword*
  FormattedValue value:expr conversion:int format_spec:expr?
  Interpolation value:expr str:constant conversion:int format_spec:expr?
  JoinedStr values:expr*
  TemplateStr values:expr*
  Constant value:constant kind:string?
  Attribute value:expr attr:identifier ctx:expr_context
  Subscript value:expr slice:expr ctx:expr_context
  Starred value:expr ctx:expr_context
  Name id:identifier ctx:expr_context
  List elts:expr* ctx:expr_context
  Tuple elts:expr* ctx:expr_context
  Slice lower:expr? upper:expr? step:expr?
expr_context =
  Load
  Store
  Del
boolop =
  And
  Or
operator =
  Add
  Sub
  Mult
  MatMult
  Div
  Mod
  Pow
  LShift
  RShift
  BitOr
  BitXor
  BitAnd
  FloorDiv
unaryop =
  Invert
  Not
  UAdd
  USub
cmpop =
  Eq
  NotEq
  Lt
  LtE
  Gt
  GtE
  Is
  IsNot
  In
  NotIn
comprehension target:expr iter:expr ifs:expr* is_async:int /
excepthandler = lineno col_offset end_lineno? end_col_offset?
  ExceptHandler type:expr? name:identifier? body:stmt*
arguments posonlyargs:arg* args:arg* vararg:arg? kwonlyargs:arg* kw_defaults:expr?* kwarg:arg? defaults:expr* /
arg arg:identifier annotation:expr? type_comment:string? / lineno col_offset end_lineno? end_col_offset?
keyword arg:identifier? value:expr / lineno col_offset end_lineno? end_col_offset?
alias name:identifier asname:identifier? / lineno col_offset end_lineno? end_col_offset?
withitem context_expr:expr optional_vars:expr? /
match_case pattern:pattern guard:expr? body:stmt* /
pattern = lineno col_offset end_lineno end_col_offset
  MatchValue value:expr
  MatchSingleton value:constant
  MatchSequence patterns:pattern*
  MatchMapping keys:expr* patterns:pattern* rest:identifier?
  MatchClass cls:expr patterns:pattern* kwd_attrs:identifier* kwd_patterns:pattern*
  MatchStar name:identifier?
  MatchAs pattern:pattern? name:identifier?
  MatchOr patterns:pattern*
type_ignore =
  TypeIgnore lineno:int tag:string
type_param = lineno col_offset end_lineno end_col_offset
  TypeVar name:identifier bound:expr? default_value:expr?
  ParamSpec name:identifier default_value:expr?
  TypeVarTuple name:identifier default_value:expr?
"""


def _build():
    _UnionType = type(int | None)
    _GenericAlias = type(list[int])
    from _thread import get_ident as _get_ident
    _repr_running = set()  # (thread, node) pairs whose repr is in progress

    def _tp_name(cls):
        # tp_name of CPython's static AST type is "ast.AST"; the node classes are heap types.
        return 'ast.AST' if cls is AST else cls.__name__

    def _warn(msg):
        import warnings
        warnings.warn(msg, DeprecationWarning, stacklevel=3)

    class AST:
        _fields = ()
        _attributes = ()
        __match_args__ = ()

        def __init__(self, /, *args, **kwargs):
            cls = type(self)
            fields = getattr(cls, '_fields', None)
            if fields is None:
                fields = ()
            numfields = len(fields)
            remaining = set(fields)
            if len(args) > numfields:
                raise TypeError(f"{cls.__name__} constructor takes at most "
                                f"{numfields} positional argument{'' if numfields == 1 else 's'}")
            for i, arg in enumerate(args):
                name = fields[i]
                setattr(self, name, arg)
                remaining.discard(name)
            if kwargs:
                attributes = None
                for key, value in kwargs.items():
                    if key in fields:
                        if key not in remaining:
                            raise TypeError(f"{_tp_name(cls)} got multiple values for argument {key!r}")
                        remaining.discard(key)
                    else:
                        if attributes is None:
                            attributes = cls._attributes
                        if key not in attributes:
                            _warn(f"{_tp_name(cls)}.__init__ got an unexpected keyword argument "
                                  f"{key!r}. Support for arbitrary keyword arguments is "
                                  f"deprecated and will be removed in Python 3.15.")
                    setattr(self, key, value)
            if remaining:
                field_types = getattr(cls, '_field_types', None)
                if field_types is None:
                    # A user subclass without _field_types: missing fields stay unset.
                    return
                for name in list(remaining):
                    try:
                        ftype = field_types[name]
                    except KeyError:
                        _warn(f"Field {name!r} is missing from {_tp_name(cls)}._field_types. "
                              f"This will become an error in Python 3.15.")
                        continue
                    if type(ftype) is _UnionType:
                        pass  # optional: the class holds the None default
                    elif type(ftype) is _GenericAlias:
                        setattr(self, name, [])
                    elif ftype is expr_context:
                        setattr(self, name, _singletons['Load'])
                    else:
                        _warn(f"{_tp_name(cls)}.__init__ missing 1 required positional "
                              f"argument: {name!r}. This will become an error in Python 3.15.")

        def __reduce__(self):
            d = getattr(self, '__dict__', None)
            if d is None:
                return type(self), ()
            n = 0
            for name in getattr(type(self), '_fields', None) or ():
                if name not in d:
                    break
                n += 1
            return type(self), (None,) * n, d

        def __replace__(self, /, *args, **kwargs):
            if args:
                raise TypeError("__replace__() takes no positional arguments")
            cls = type(self)
            fields = getattr(cls, '_fields', None)
            attributes = getattr(cls, '_attributes', None)
            d = getattr(self, '__dict__', None)
            expecting = set(fields or ())
            allowed = expecting | set(attributes or ())
            for key in kwargs:
                if key not in allowed:
                    raise TypeError(f"{_tp_name(cls)}.__replace__ got an unexpected "
                                    f"keyword argument '{key}'.")
                expecting.discard(key)
            if d is not None:
                expecting.difference_update(d)
            field_types = getattr(cls, '_field_types', None)
            if expecting and field_types is not None:
                for name in list(expecting):
                    ftype = field_types.get(name)
                    if type(ftype) is _UnionType and type(None) in ftype.__args__:
                        expecting.discard(name)
            if expecting:
                names = sorted(expecting)
                m = len(names)
                joined = "', '".join(names)
                raise TypeError(f"{_tp_name(cls)}.__replace__ missing {m} keyword "
                                f"argument{'' if m == 1 else 's'}: '{joined}'.")
            payload = {}
            if d is not None:
                for name in (fields or ()):
                    if name in d:
                        payload[name] = d[name]
                for name in (attributes or ()):
                    if name in d:
                        payload[name] = d[name]
            payload.update(kwargs)
            return cls(**payload)

        def __repr__(self):
            return _repr(self, 3)

    def _repr(node, depth):
        name = _tp_name(type(node))
        if depth <= 0:
            return f"{name}(...)"
        key = (_get_ident(), id(node))
        if key in _repr_running:
            return f"{name}(...)"
        _repr_running.add(key)
        try:
            fields = getattr(type(node), '_fields', None) or ()
            if not fields:
                return f"{name}()"
            parts = []
            for field in fields:
                value = getattr(node, field)
                if isinstance(value, (list, tuple)):
                    r = _repr_seq(value, depth)
                elif isinstance(value, AST):
                    r = _repr(value, depth - 1)
                else:
                    r = repr(value)
                parts.append(f"{field}={r}")
            return f"{name}({', '.join(parts)})"
        finally:
            _repr_running.discard(key)

    def _repr_seq(seq, depth):
        n = len(seq)
        if n == 0:
            return repr(seq)
        is_list = isinstance(seq, list)
        if depth <= 0:
            return '[...]' if is_list else '(...)'
        parts = []
        for i in range(min(n, 2)):
            item = seq[i * (n - 1)]
            if isinstance(item, AST):
                parts.append(_repr(item, depth - 1))
            else:
                parts.append(repr(item))
            if i == 0 and n > 2:
                parts.append('...')
        return ('[%s]' if is_list else '(%s)') % ', '.join(parts)

    AST.__module__ = 'ast'
    AST.__qualname__ = 'AST'
    for f in (AST.__init__, AST.__reduce__, AST.__replace__, AST.__repr__):
        f.__qualname__ = 'AST.' + f.__name__

    classes = {'AST': AST}
    order = ['AST']
    _singletons = {}
    pending = []  # (class, [(field, type, qual)])

    def sig(parts):
        return [(f, t.rstrip('?*'), t[len(t.rstrip('?*')):]) for f, t in (p.split(':') for p in parts)]

    def doc_of(name, fields):
        if not fields:
            return name
        return name + '(' + ', '.join(f'{t}{q} {f}' for f, t, q in fields) + ')'

    def attrs_of(words):
        return tuple(w.rstrip('?') for w in words), [w[:-1] for w in words if w.endswith('?')]

    def make(name, base, fields, doc, extra):
        names = tuple(f for f, _, _ in fields)
        # Filled once every class exists; __annotations__ is the same dict, as in CPython.
        field_types = {}
        ns = {'_fields': names, '__match_args__': names, '__module__': 'ast', '__doc__': doc,
              '_field_types': field_types, '__annotations__': field_types}
        ns.update(extra)
        for f, _, q in fields:
            if q == '?':
                ns[f] = None
        cls = type(name, (base,), ns)
        classes[name] = cls
        order.append(name)
        if fields:
            pending.append((cls, fields))
        else:
            pending.append((cls, ()))
        return cls

    sums = []  # (class, [constructor docs], simple)
    current = None
    for line in _SPEC.splitlines():
        if not line.strip():
            continue
        if line.startswith('  '):
            words = line.split()
            fields = sig(words[1:])
            make(words[0], current[0], fields, doc_of(words[0], fields), {})
            current[1].append((words[0], doc_of(words[0], fields), bool(fields)))
        elif ' = ' in line or line.endswith(' ='):
            name, _, rest = line.partition(' =')
            attrs, optional = attrs_of(rest.split())
            ns = {'_fields': (), '__match_args__': (), '__module__': 'ast', '_attributes': attrs}
            for a in optional:
                ns[a] = None
            cls = type(name, (AST,), ns)
            classes[name] = cls
            order.append(name)
            current = (cls, [])
            sums.append(current)
        else:
            head, _, tail = line.partition(' /')
            words = head.split()
            fields = sig(words[1:])
            attrs, optional = attrs_of(tail.split())
            extra = {'_attributes': attrs}
            for a in optional:
                extra[a] = None
            make(words[0], AST, fields, doc_of(words[0], fields), extra)
            current = None

    for cls, cons in sums:
        name = cls.__name__
        if not any(has_fields for _, _, has_fields in cons):
            cls.__doc__ = name + ' = ' + ' | '.join(c for c, _, _ in cons)
            for c, _, _ in cons:
                k = classes[c]
                _singletons[c] = k.__new__(k)
        else:
            cls.__doc__ = name + ' = ' + ('\n' + ' ' * (len(name) + 1) + '| ').join(d for _, d, _ in cons)

    expr_context = classes['expr_context']
    simple = {'identifier': str, 'string': str, 'int': int, 'constant': object}
    for cls, fields in pending:
        types = cls._field_types
        for f, t, q in fields:
            ty = simple.get(t) or classes[t]
            if q == '?':
                ty = ty | None
            elif q:
                ty = list[ty]
            types[f] = ty

    return [(n, classes[n]) for n in order], _singletons
