"""Opcode support module."""
# Ladon's _opcode (see mod.rs): CPython 3.14's opcode metadata as data. The tables were
# generated from CPython 3.14 (its _opcode.stack_effect and has_* predicates), keyed by
# opcode name; _opcode_metadata.py (CPython's Lib/) gives the numbers.

ENABLE_SPECIALIZATION = True
ENABLE_SPECIALIZATION_FT = True

_HAS_ARG = frozenset(['BINARY_OP', 'BUILD_INTERPOLATION', 'BUILD_LIST', 'BUILD_MAP', 'BUILD_SET', 'BUILD_SLICE', 'BUILD_STRING', 'BUILD_TUPLE', 'CALL', 'CALL_ALLOC_AND_ENTER_INIT', 'CALL_BOUND_METHOD_EXACT_ARGS', 'CALL_BOUND_METHOD_GENERAL', 'CALL_BUILTIN_CLASS', 'CALL_BUILTIN_FAST', 'CALL_BUILTIN_FAST_WITH_KEYWORDS', 'CALL_BUILTIN_O', 'CALL_INTRINSIC_1', 'CALL_INTRINSIC_2', 'CALL_ISINSTANCE', 'CALL_KW', 'CALL_KW_BOUND_METHOD', 'CALL_KW_NON_PY', 'CALL_KW_PY', 'CALL_LIST_APPEND', 'CALL_METHOD_DESCRIPTOR_FAST', 'CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS', 'CALL_METHOD_DESCRIPTOR_NOARGS', 'CALL_METHOD_DESCRIPTOR_O', 'CALL_NON_PY_GENERAL', 'CALL_PY_EXACT_ARGS', 'CALL_PY_GENERAL', 'CALL_STR_1', 'CALL_TUPLE_1', 'CALL_TYPE_1', 'COMPARE_OP', 'COMPARE_OP_FLOAT', 'COMPARE_OP_INT', 'COMPARE_OP_STR', 'CONTAINS_OP', 'CONTAINS_OP_DICT', 'CONTAINS_OP_SET', 'CONVERT_VALUE', 'COPY', 'COPY_FREE_VARS', 'DELETE_ATTR', 'DELETE_DEREF', 'DELETE_FAST', 'DELETE_GLOBAL', 'DELETE_NAME', 'DICT_MERGE', 'DICT_UPDATE', 'END_ASYNC_FOR', 'ENTER_EXECUTOR', 'EXTENDED_ARG', 'FOR_ITER', 'FOR_ITER_GEN', 'FOR_ITER_LIST', 'FOR_ITER_RANGE', 'FOR_ITER_TUPLE', 'GET_AWAITABLE', 'IMPORT_FROM', 'IMPORT_NAME', 'INSTRUMENTED_CALL', 'INSTRUMENTED_CALL_KW', 'INSTRUMENTED_END_ASYNC_FOR', 'INSTRUMENTED_FOR_ITER', 'INSTRUMENTED_JUMP_BACKWARD', 'INSTRUMENTED_JUMP_FORWARD', 'INSTRUMENTED_LOAD_SUPER_ATTR', 'INSTRUMENTED_POP_JUMP_IF_FALSE', 'INSTRUMENTED_POP_JUMP_IF_NONE', 'INSTRUMENTED_POP_JUMP_IF_NOT_NONE', 'INSTRUMENTED_POP_JUMP_IF_TRUE', 'INSTRUMENTED_RESUME', 'INSTRUMENTED_YIELD_VALUE', 'IS_OP', 'JUMP', 'JUMP_BACKWARD', 'JUMP_BACKWARD_JIT', 'JUMP_BACKWARD_NO_INTERRUPT', 'JUMP_BACKWARD_NO_JIT', 'JUMP_FORWARD', 'JUMP_IF_FALSE', 'JUMP_IF_TRUE', 'JUMP_NO_INTERRUPT', 'LIST_APPEND', 'LIST_EXTEND', 'LOAD_ATTR', 'LOAD_ATTR_CLASS', 'LOAD_ATTR_CLASS_WITH_METACLASS_CHECK', 'LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN', 'LOAD_ATTR_INSTANCE_VALUE', 'LOAD_ATTR_METHOD_LAZY_DICT', 'LOAD_ATTR_METHOD_NO_DICT', 'LOAD_ATTR_METHOD_WITH_VALUES', 'LOAD_ATTR_MODULE', 'LOAD_ATTR_NONDESCRIPTOR_NO_DICT', 'LOAD_ATTR_NONDESCRIPTOR_WITH_VALUES', 'LOAD_ATTR_PROPERTY', 'LOAD_ATTR_SLOT', 'LOAD_ATTR_WITH_HINT', 'LOAD_CLOSURE', 'LOAD_COMMON_CONSTANT', 'LOAD_CONST', 'LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL', 'LOAD_DEREF', 'LOAD_FAST', 'LOAD_FAST_AND_CLEAR', 'LOAD_FAST_BORROW', 'LOAD_FAST_BORROW_LOAD_FAST_BORROW', 'LOAD_FAST_CHECK', 'LOAD_FAST_LOAD_FAST', 'LOAD_FROM_DICT_OR_DEREF', 'LOAD_FROM_DICT_OR_GLOBALS', 'LOAD_GLOBAL', 'LOAD_GLOBAL_BUILTIN', 'LOAD_GLOBAL_MODULE', 'LOAD_NAME', 'LOAD_SMALL_INT', 'LOAD_SPECIAL', 'LOAD_SUPER_ATTR', 'LOAD_SUPER_ATTR_ATTR', 'LOAD_SUPER_ATTR_METHOD', 'MAKE_CELL', 'MAP_ADD', 'MATCH_CLASS', 'POP_JUMP_IF_FALSE', 'POP_JUMP_IF_NONE', 'POP_JUMP_IF_NOT_NONE', 'POP_JUMP_IF_TRUE', 'RAISE_VARARGS', 'RERAISE', 'RESUME', 'SEND', 'SEND_GEN', 'SETUP_CLEANUP', 'SETUP_FINALLY', 'SETUP_WITH', 'SET_ADD', 'SET_FUNCTION_ATTRIBUTE', 'SET_UPDATE', 'STORE_ATTR', 'STORE_ATTR_WITH_HINT', 'STORE_DEREF', 'STORE_FAST', 'STORE_FAST_LOAD_FAST', 'STORE_FAST_MAYBE_NULL', 'STORE_FAST_STORE_FAST', 'STORE_GLOBAL', 'STORE_NAME', 'SWAP', 'UNPACK_EX', 'UNPACK_SEQUENCE', 'UNPACK_SEQUENCE_LIST', 'UNPACK_SEQUENCE_TUPLE', 'UNPACK_SEQUENCE_TWO_TUPLE', 'YIELD_VALUE'])
_HAS_CONST = frozenset(['LOAD_CONST', 'LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL'])
_HAS_NAME = frozenset(['DELETE_ATTR', 'DELETE_GLOBAL', 'DELETE_NAME', 'IMPORT_FROM', 'IMPORT_NAME', 'INSTRUMENTED_LOAD_SUPER_ATTR', 'LOAD_ATTR', 'LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN', 'LOAD_ATTR_WITH_HINT', 'LOAD_FROM_DICT_OR_GLOBALS', 'LOAD_GLOBAL', 'LOAD_NAME', 'LOAD_SUPER_ATTR', 'LOAD_SUPER_ATTR_ATTR', 'LOAD_SUPER_ATTR_METHOD', 'STORE_ATTR', 'STORE_ATTR_WITH_HINT', 'STORE_GLOBAL', 'STORE_NAME'])
_HAS_JUMP = frozenset(['END_ASYNC_FOR', 'FOR_ITER', 'FOR_ITER_LIST', 'FOR_ITER_RANGE', 'FOR_ITER_TUPLE', 'INSTRUMENTED_END_ASYNC_FOR', 'INSTRUMENTED_FOR_ITER', 'JUMP', 'JUMP_BACKWARD', 'JUMP_BACKWARD_JIT', 'JUMP_BACKWARD_NO_INTERRUPT', 'JUMP_BACKWARD_NO_JIT', 'JUMP_FORWARD', 'JUMP_IF_FALSE', 'JUMP_IF_TRUE', 'JUMP_NO_INTERRUPT', 'POP_JUMP_IF_FALSE', 'POP_JUMP_IF_NONE', 'POP_JUMP_IF_NOT_NONE', 'POP_JUMP_IF_TRUE', 'SEND'])
_HAS_FREE = frozenset(['DELETE_DEREF', 'LOAD_FROM_DICT_OR_DEREF', 'MAKE_CELL', 'STORE_DEREF'])
_HAS_LOCAL = frozenset(['BINARY_OP_INPLACE_ADD_UNICODE', 'DELETE_FAST', 'LOAD_CLOSURE', 'LOAD_DEREF', 'LOAD_FAST', 'LOAD_FAST_AND_CLEAR', 'LOAD_FAST_BORROW', 'LOAD_FAST_BORROW_LOAD_FAST_BORROW', 'LOAD_FAST_CHECK', 'LOAD_FAST_LOAD_FAST', 'STORE_FAST', 'STORE_FAST_LOAD_FAST', 'STORE_FAST_MAYBE_NULL', 'STORE_FAST_STORE_FAST'])
_HAS_EXC = frozenset(['SETUP_CLEANUP', 'SETUP_FINALLY', 'SETUP_WITH'])

# name: (effect when jumping, effect when not), each (kind, a, b): kind 'c' is the
# constant a, 'l' a + b*oparg, 'b' a + b*(oparg & 1), 'x' a + (oparg & 0xff) + (oparg >> 8).
# Names missing here (or None) are invalid opcodes for stack_effect.
_STACK_EFFECTS = {
    'CACHE': (('c', 0, 0), ('c', 0, 0)),
    'BINARY_SLICE': (('c', -2, 0), ('c', -2, 0)),
    'BUILD_TEMPLATE': (('c', -1, 0), ('c', -1, 0)),
    'CALL_FUNCTION_EX': (('c', -3, 0), ('c', -3, 0)),
    'CHECK_EG_MATCH': (('c', 0, 0), ('c', 0, 0)),
    'CHECK_EXC_MATCH': (('c', 0, 0), ('c', 0, 0)),
    'CLEANUP_THROW': (('c', -1, 0), ('c', -1, 0)),
    'DELETE_SUBSCR': (('c', -2, 0), ('c', -2, 0)),
    'END_FOR': (('c', -1, 0), ('c', -1, 0)),
    'END_SEND': (('c', -1, 0), ('c', -1, 0)),
    'EXIT_INIT_CHECK': (('c', -1, 0), ('c', -1, 0)),
    'FORMAT_SIMPLE': (('c', 0, 0), ('c', 0, 0)),
    'FORMAT_WITH_SPEC': (('c', -1, 0), ('c', -1, 0)),
    'GET_AITER': (('c', 0, 0), ('c', 0, 0)),
    'GET_ANEXT': (('c', 1, 0), ('c', 1, 0)),
    'GET_ITER': (('c', 0, 0), ('c', 0, 0)),
    'RESERVED': (('c', 0, 0), ('c', 0, 0)),
    'GET_LEN': (('c', 1, 0), ('c', 1, 0)),
    'GET_YIELD_FROM_ITER': (('c', 0, 0), ('c', 0, 0)),
    'INTERPRETER_EXIT': (('c', -1, 0), ('c', -1, 0)),
    'LOAD_BUILD_CLASS': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_LOCALS': (('c', 1, 0), ('c', 1, 0)),
    'MAKE_FUNCTION': (('c', 0, 0), ('c', 0, 0)),
    'MATCH_KEYS': (('c', 1, 0), ('c', 1, 0)),
    'MATCH_MAPPING': (('c', 1, 0), ('c', 1, 0)),
    'MATCH_SEQUENCE': (('c', 1, 0), ('c', 1, 0)),
    'NOP': (('c', 0, 0), ('c', 0, 0)),
    'NOT_TAKEN': (('c', 0, 0), ('c', 0, 0)),
    'POP_EXCEPT': (('c', -1, 0), ('c', -1, 0)),
    'POP_ITER': (('c', -1, 0), ('c', -1, 0)),
    'POP_TOP': (('c', -1, 0), ('c', -1, 0)),
    'PUSH_EXC_INFO': (('c', 1, 0), ('c', 1, 0)),
    'PUSH_NULL': (('c', 1, 0), ('c', 1, 0)),
    'RETURN_GENERATOR': (('c', 1, 0), ('c', 1, 0)),
    'RETURN_VALUE': (('c', 0, 0), ('c', 0, 0)),
    'SETUP_ANNOTATIONS': (('c', 0, 0), ('c', 0, 0)),
    'STORE_SLICE': (('c', -4, 0), ('c', -4, 0)),
    'STORE_SUBSCR': (('c', -3, 0), ('c', -3, 0)),
    'TO_BOOL': (('c', 0, 0), ('c', 0, 0)),
    'UNARY_INVERT': (('c', 0, 0), ('c', 0, 0)),
    'UNARY_NEGATIVE': (('c', 0, 0), ('c', 0, 0)),
    'UNARY_NOT': (('c', 0, 0), ('c', 0, 0)),
    'WITH_EXCEPT_START': (('c', 1, 0), ('c', 1, 0)),
    'BINARY_OP': (('c', -1, 0), ('c', -1, 0)),
    'BUILD_INTERPOLATION': (('b', -1, -1), ('b', -1, -1)),
    'BUILD_LIST': (('l', 1, -1), ('l', 1, -1)),
    'BUILD_MAP': (('l', 1, -2), ('l', 1, -2)),
    'BUILD_SET': (('l', 1, -1), ('l', 1, -1)),
    'BUILD_SLICE': (('l', 1, -1), ('l', 1, -1)),
    'BUILD_STRING': (('l', 1, -1), ('l', 1, -1)),
    'BUILD_TUPLE': (('l', 1, -1), ('l', 1, -1)),
    'CALL': (('l', -1, -1), ('l', -1, -1)),
    'CALL_INTRINSIC_1': (('c', 0, 0), ('c', 0, 0)),
    'CALL_INTRINSIC_2': (('c', -1, 0), ('c', -1, 0)),
    'CALL_KW': (('l', -2, -1), ('l', -2, -1)),
    'COMPARE_OP': (('c', -1, 0), ('c', -1, 0)),
    'CONTAINS_OP': (('c', -1, 0), ('c', -1, 0)),
    'CONVERT_VALUE': (('c', 0, 0), ('c', 0, 0)),
    'COPY': (('c', 1, 0), ('c', 1, 0)),
    'COPY_FREE_VARS': (('c', 0, 0), ('c', 0, 0)),
    'DELETE_ATTR': (('c', -1, 0), ('c', -1, 0)),
    'DELETE_DEREF': (('c', 0, 0), ('c', 0, 0)),
    'DELETE_FAST': (('c', 0, 0), ('c', 0, 0)),
    'DELETE_GLOBAL': (('c', 0, 0), ('c', 0, 0)),
    'DELETE_NAME': (('c', 0, 0), ('c', 0, 0)),
    'DICT_MERGE': (('c', -1, 0), ('c', -1, 0)),
    'DICT_UPDATE': (('c', -1, 0), ('c', -1, 0)),
    'END_ASYNC_FOR': (('c', -2, 0), ('c', -2, 0)),
    'EXTENDED_ARG': (('c', 0, 0), ('c', 0, 0)),
    'FOR_ITER': (('c', 1, 0), ('c', 1, 0)),
    'GET_AWAITABLE': (('c', 0, 0), ('c', 0, 0)),
    'IMPORT_FROM': (('c', 1, 0), ('c', 1, 0)),
    'IMPORT_NAME': (('c', -1, 0), ('c', -1, 0)),
    'IS_OP': (('c', -1, 0), ('c', -1, 0)),
    'JUMP_BACKWARD': (('c', 0, 0), ('c', 0, 0)),
    'JUMP_BACKWARD_NO_INTERRUPT': (('c', 0, 0), ('c', 0, 0)),
    'JUMP_FORWARD': (('c', 0, 0), ('c', 0, 0)),
    'LIST_APPEND': (('c', -1, 0), ('c', -1, 0)),
    'LIST_EXTEND': (('c', -1, 0), ('c', -1, 0)),
    'LOAD_ATTR': (('b', 0, 1), ('b', 0, 1)),
    'LOAD_COMMON_CONSTANT': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_CONST': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_DEREF': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_FAST': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_FAST_AND_CLEAR': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_FAST_BORROW': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_FAST_BORROW_LOAD_FAST_BORROW': (('c', 2, 0), ('c', 2, 0)),
    'LOAD_FAST_CHECK': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_FAST_LOAD_FAST': (('c', 2, 0), ('c', 2, 0)),
    'LOAD_FROM_DICT_OR_DEREF': (('c', 0, 0), ('c', 0, 0)),
    'LOAD_FROM_DICT_OR_GLOBALS': (('c', 0, 0), ('c', 0, 0)),
    'LOAD_GLOBAL': (('b', 1, 1), ('b', 1, 1)),
    'LOAD_NAME': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_SMALL_INT': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_SPECIAL': (('c', 1, 0), ('c', 1, 0)),
    'LOAD_SUPER_ATTR': (('b', -2, 1), ('b', -2, 1)),
    'MAKE_CELL': (('c', 0, 0), ('c', 0, 0)),
    'MAP_ADD': (('c', -2, 0), ('c', -2, 0)),
    'MATCH_CLASS': (('c', -2, 0), ('c', -2, 0)),
    'POP_JUMP_IF_FALSE': (('c', -1, 0), ('c', -1, 0)),
    'POP_JUMP_IF_NONE': (('c', -1, 0), ('c', -1, 0)),
    'POP_JUMP_IF_NOT_NONE': (('c', -1, 0), ('c', -1, 0)),
    'POP_JUMP_IF_TRUE': (('c', -1, 0), ('c', -1, 0)),
    'RAISE_VARARGS': (('l', 0, -1), ('l', 0, -1)),
    'RERAISE': (('c', -1, 0), ('c', -1, 0)),
    'SEND': (('c', 0, 0), ('c', 0, 0)),
    'SET_ADD': (('c', -1, 0), ('c', -1, 0)),
    'SET_FUNCTION_ATTRIBUTE': (('c', -1, 0), ('c', -1, 0)),
    'SET_UPDATE': (('c', -1, 0), ('c', -1, 0)),
    'STORE_ATTR': (('c', -2, 0), ('c', -2, 0)),
    'STORE_DEREF': (('c', -1, 0), ('c', -1, 0)),
    'STORE_FAST': (('c', -1, 0), ('c', -1, 0)),
    'STORE_FAST_LOAD_FAST': (('c', 0, 0), ('c', 0, 0)),
    'STORE_FAST_STORE_FAST': (('c', -2, 0), ('c', -2, 0)),
    'STORE_GLOBAL': (('c', -1, 0), ('c', -1, 0)),
    'STORE_NAME': (('c', -1, 0), ('c', -1, 0)),
    'SWAP': (('c', 0, 0), ('c', 0, 0)),
    'UNPACK_EX': (('x', 0, 0), ('x', 0, 0)),
    'UNPACK_SEQUENCE': (('l', -1, 1), ('l', -1, 1)),
    'YIELD_VALUE': (('c', 0, 0), ('c', 0, 0)),
    'RESUME': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_END_FOR': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_POP_ITER': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_END_SEND': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_FOR_ITER': (('c', 1, 0), ('c', 1, 0)),
    'INSTRUMENTED_INSTRUCTION': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_JUMP_FORWARD': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_NOT_TAKEN': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_POP_JUMP_IF_TRUE': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_POP_JUMP_IF_FALSE': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_POP_JUMP_IF_NONE': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_POP_JUMP_IF_NOT_NONE': (('c', -1, 0), ('c', -1, 0)),
    'INSTRUMENTED_RESUME': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_RETURN_VALUE': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_YIELD_VALUE': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_END_ASYNC_FOR': (('c', -2, 0), ('c', -2, 0)),
    'INSTRUMENTED_LOAD_SUPER_ATTR': (('b', -2, 1), ('b', -2, 1)),
    'INSTRUMENTED_CALL': (('l', -1, -1), ('l', -1, -1)),
    'INSTRUMENTED_CALL_KW': (('l', -2, -1), ('l', -2, -1)),
    'INSTRUMENTED_CALL_FUNCTION_EX': (('c', -3, 0), ('c', -3, 0)),
    'INSTRUMENTED_JUMP_BACKWARD': (('c', 0, 0), ('c', 0, 0)),
    'INSTRUMENTED_LINE': (('c', 0, 0), ('c', 0, 0)),
    'ENTER_EXECUTOR': (('c', 0, 0), ('c', 0, 0)),
    'ANNOTATIONS_PLACEHOLDER': (('c', 0, 0), ('c', 0, 0)),
    'JUMP': (('c', 0, 0), ('c', 0, 0)),
    'JUMP_IF_FALSE': (('c', 0, 0), ('c', 0, 0)),
    'JUMP_IF_TRUE': (('c', 0, 0), ('c', 0, 0)),
    'JUMP_NO_INTERRUPT': (('c', 0, 0), ('c', 0, 0)),
    'LOAD_CLOSURE': (('c', 1, 0), ('c', 1, 0)),
    'POP_BLOCK': (('c', 0, 0), ('c', 0, 0)),
    'SETUP_CLEANUP': (('c', 2, 0), ('c', 0, 0)),
    'SETUP_FINALLY': (('c', 1, 0), ('c', 0, 0)),
    'SETUP_WITH': (('c', 1, 0), ('c', 0, 0)),
    'STORE_FAST_MAYBE_NULL': (('c', -1, 0), ('c', -1, 0)),
}

_INTRINSIC1 = ['INTRINSIC_1_INVALID', 'INTRINSIC_PRINT', 'INTRINSIC_IMPORT_STAR', 'INTRINSIC_STOPITERATION_ERROR', 'INTRINSIC_ASYNC_GEN_WRAP', 'INTRINSIC_UNARY_POSITIVE', 'INTRINSIC_LIST_TO_TUPLE', 'INTRINSIC_TYPEVAR', 'INTRINSIC_PARAMSPEC', 'INTRINSIC_TYPEVARTUPLE', 'INTRINSIC_SUBSCRIPT_GENERIC', 'INTRINSIC_TYPEALIAS']
_INTRINSIC2 = ['INTRINSIC_2_INVALID', 'INTRINSIC_PREP_RERAISE_STAR', 'INTRINSIC_TYPEVAR_WITH_BOUND', 'INTRINSIC_TYPEVAR_WITH_CONSTRAINTS', 'INTRINSIC_SET_FUNCTION_TYPE_PARAMS', 'INTRINSIC_SET_TYPEPARAM_DEFAULT']
_SPECIAL_METHODS = ['__enter__', '__exit__', '__aenter__', '__aexit__']
_NB_OPS = [('NB_ADD', '+'), ('NB_AND', '&'), ('NB_FLOOR_DIVIDE', '//'), ('NB_LSHIFT', '<<'), ('NB_MATRIX_MULTIPLY', '@'), ('NB_MULTIPLY', '*'), ('NB_REMAINDER', '%'), ('NB_OR', '|'), ('NB_POWER', '**'), ('NB_RSHIFT', '>>'), ('NB_SUBTRACT', '-'), ('NB_TRUE_DIVIDE', '/'), ('NB_XOR', '^'), ('NB_INPLACE_ADD', '+='), ('NB_INPLACE_AND', '&='), ('NB_INPLACE_FLOOR_DIVIDE', '//='), ('NB_INPLACE_LSHIFT', '<<='), ('NB_INPLACE_MATRIX_MULTIPLY', '@='), ('NB_INPLACE_MULTIPLY', '*='), ('NB_INPLACE_REMAINDER', '%='), ('NB_INPLACE_OR', '|='), ('NB_INPLACE_POWER', '**='), ('NB_INPLACE_RSHIFT', '>>='), ('NB_INPLACE_SUBTRACT', '-='), ('NB_INPLACE_TRUE_DIVIDE', '/='), ('NB_INPLACE_XOR', '^='), ('NB_SUBSCR', '[]')]


def _names():
    global _BY_NUMBER
    try:
        return _BY_NUMBER
    except NameError:
        pass
    from _opcode_metadata import opmap, _specialized_opmap
    by_number = {v: k for k, v in opmap.items()}
    by_number.update({v: k for k, v in _specialized_opmap.items()})
    _BY_NUMBER = by_number
    return by_number


def _name(opcode):
    if not isinstance(opcode, int):
        raise TypeError(f"'{type(opcode).__name__}' object cannot be interpreted as an integer")
    return _names().get(opcode)


def _effect(spec, oparg):
    kind, a, b = spec
    if kind == 'c':
        return a
    if kind == 'l':
        return a + b * oparg
    if kind == 'b':
        return a + b * (oparg & 1)
    return a + (oparg & 0xff) + (oparg >> 8)


def stack_effect(opcode, oparg=None, /, *, jump=None):
    """Compute the stack effect of the opcode."""
    entry = _STACK_EFFECTS.get(_name(opcode))
    oparg = 0 if oparg is None else oparg.__index__()
    if entry is None:
        raise ValueError("invalid opcode or oparg")
    taken, not_taken = entry
    if taken is None or not_taken is None:
        raise ValueError("invalid opcode or oparg")
    if jump is None:
        return max(_effect(taken, oparg), _effect(not_taken, oparg))
    return _effect(taken if jump else not_taken, oparg)


def is_valid(opcode):
    """Return True if opcode is valid, False otherwise."""
    return _name(opcode) is not None


def has_arg(opcode):
    """Return True if the opcode uses its oparg, False otherwise."""
    return _name(opcode) in _HAS_ARG


def has_const(opcode):
    """Return True if the opcode accesses a constant, False otherwise."""
    return _name(opcode) in _HAS_CONST


def has_name(opcode):
    """Return True if the opcode accesses an attribute by name, False otherwise."""
    return _name(opcode) in _HAS_NAME


def has_jump(opcode):
    """Return True if the opcode has a jump target, False otherwise."""
    return _name(opcode) in _HAS_JUMP


def has_free(opcode):
    """Return True if the opcode accesses a free variable, False otherwise.

Note that 'free' in this context refers to names in the current scope
that are referenced by inner scopes or names in outer scopes that are
referenced from this scope. It does not include references to global
or builtin scopes."""
    return _name(opcode) in _HAS_FREE


def has_local(opcode):
    """Return True if the opcode accesses a local variable, False otherwise."""
    return _name(opcode) in _HAS_LOCAL


def has_exc(opcode):
    """Return True if the opcode sets an exception handler, False otherwise."""
    return _name(opcode) in _HAS_EXC


def get_intrinsic1_descs():
    """Return a list of names of the unary intrinsics."""
    return list(_INTRINSIC1)


def get_intrinsic2_descs():
    """Return a list of names of the binary intrinsics."""
    return list(_INTRINSIC2)


def get_special_method_names():
    """Return a list of special method names."""
    return list(_SPECIAL_METHODS)


def get_nb_ops():
    """Return array of symbols of binary ops.

Indexed by the BINARY_OP oparg value."""
    return list(_NB_OPS)


def get_specialization_stats():
    """Return the specialization stats"""
    return None


def get_executor(code, offset):
    """Return the executor object at offset in code if exists, None otherwise."""
    if not hasattr(code, 'co_code'):
        raise TypeError(f"get_executor() argument 1 must be code, not {type(code).__name__}")
    raise ValueError("no executor at given byte offset")
