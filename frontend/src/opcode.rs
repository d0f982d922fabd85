//! Ladon's bytecode instruction set: one row per opcode.
//!
//! The set, the numbering, the operand meanings and the stack effects follow CPython
//! 3.14's `Python/bytecodes.c` (the "unspecialized" instructions of `opcode.opmap`);
//! where a row's doc says nothing else, the instruction does exactly what CPython 3.14's
//! instruction of the same name does. Numbers 129..=233 are free for the VM's
//! specialized variants, which must keep their base opcode's stack effect and cache size.
//!
//! The [`opcodes!`] table generates [`Opcode`], its name, its operand kind
//! ([`ArgKind`], which the disassembler uses to print the operand), its stack effect
//! (used by the compiler's stack-depth pass) and the number of inline cache code units
//! that follow it in [`crate::code::CodeUnit::code`].
//!
//! Stack effects are written as `(pops, pushes)` closures of the operand. Jumps whose
//! taken branch has another effect have a second closure for the branch
//! ([`Opcode::branch_stack_effect`]).

/// What an instruction's operand means (how the disassembler prints it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// No operand (the arg byte is 0).
    None,
    /// A plain number (counts, `COPY`/`SWAP` depth, `RESUME` kind, ...).
    Raw,
    /// Index into `consts`.
    Const,
    /// The operand itself is the small int (0..=255) to push.
    SmallInt,
    /// Index into `names`.
    Name,
    /// `names` index << 1 | push NULL (LOAD_GLOBAL).
    Global,
    /// `names` index << 1 | method load (LOAD_ATTR).
    Attr,
    /// `names` index << 2 | 2-arg super << 1 | method (LOAD_SUPER_ATTR).
    SuperAttr,
    /// Index into localsplus (fast locals, cells and free variables).
    Local,
    /// Two localsplus indexes, `a << 4 | b` (LOAD_FAST_LOAD_FAST and friends).
    LocalPair,
    /// Forward jump: target = next instruction (after caches) + operand.
    JumpForward,
    /// Backward jump: target = next instruction (after caches) - operand.
    JumpBackward,
    /// [`BinaryOp`] operand.
    BinOp,
    /// `cmp << 5 | to_bool << 4 | mask` (COMPARE_OP): `cmp` is [`CompareOp`]; with
    /// `to_bool` the result is converted to a bool; `mask` (the low 4 bits, CPython's
    /// comparison mask) is informative only.
    Compare,
    /// 0 = `is`/`in`, 1 = `is not`/`not in`.
    Invert,
    /// [`Intrinsic1`] number.
    Intrinsic1,
    /// [`Intrinsic2`] number.
    Intrinsic2,
    /// [`FunctionAttr`] flag (SET_FUNCTION_ATTRIBUTE).
    FuncAttr,
    /// 1 = `str`, 2 = `repr`, 3 = `ascii` (CONVERT_VALUE).
    Convert,
    /// [`CommonConstant`] index.
    CommonConst,
    /// [`SpecialMethod`] index (LOAD_SPECIAL).
    Special,
    /// 0 = `__aenter__`/plain, 1 = after `__aenter__`, 2 = after `__aexit__` (GET_AWAITABLE).
    Awaitable,
    /// `2 + has_format_spec`, plus the conversion (as CONVERT_VALUE) `<< 2`
    /// (BUILD_INTERPOLATION).
    Interpolation,
}

macro_rules! opcodes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $num:literal, $cpy:literal, $kind:ident,
            |$a:ident| ($pops:expr, $pushes:expr)
            $(, branch |$ba:ident| ($bpops:expr, $bpushes:expr))?
            , cache $cache:literal, $family:literal;
    )*) => {
        /// One bytecode instruction (the low byte of a code unit).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name = $num, )*
        }

        impl Opcode {
            /// Every opcode, in numeric order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// `from_u8` as a table: the eval loop decodes every instruction with it.
            const DECODE: [Option<Opcode>; 256] = {
                let mut t = [None; 256];
                $( t[$num] = Some(Opcode::$name); )*
                t
            };

            /// `cache_entries` as a table, indexed by opcode number.
            const CACHE_ENTRIES: [u8; 256] = {
                let mut t = [0u8; 256];
                $( t[$num] = $cache; )*
                t
            };

            /// Per byte: the opcode (NOP for an unknown byte) and its cache size, in one
            /// table so the eval loop's decode is a single load.
            const DECODE_INFO: [(Opcode, u8); 256] = {
                let mut t = [(Opcode::Nop, 0u8); 256];
                $( t[$num] = (Opcode::$name, $cache); )*
                t
            };

            /// The opcode with number `byte`, if there is one.
            #[inline]
            pub fn from_u8(byte: u8) -> Option<Opcode> {
                Self::DECODE[byte as usize]
            }

            /// The eval loop's decode: the opcode with number `byte` (NOP if there is none)
            /// and the number of cache units after it.
            #[inline(always)]
            pub fn decode(byte: u8) -> (Opcode, usize) {
                let (op, cache) = Self::DECODE_INFO[byte as usize];
                (op, cache as usize)
            }

            /// CPython's spelling (`LOAD_FAST`).
            pub fn name(self) -> &'static str {
                match self { $( Opcode::$name => $cpy, )* }
            }

            /// What the operand means.
            pub fn arg_kind(self) -> ArgKind {
                match self { $( Opcode::$name => ArgKind::$kind, )* }
            }

            /// Number of inline cache code units that follow the instruction.
            #[inline]
            pub fn cache_entries(self) -> usize {
                Self::CACHE_ENTRIES[self as usize] as usize
            }

            /// The family (the VM's `interp/ops/<family>.rs`).
            pub fn family(self) -> &'static str {
                match self { $( Opcode::$name => $family, )* }
            }

            /// `(pops, pushes)` when the instruction falls through.
            #[allow(unused_variables, clippy::identity_op)]
            pub fn stack_effect(self, oparg: u32) -> (u32, u32) {
                match self { $( Opcode::$name => { let $a = oparg; ($pops, $pushes) } )* }
            }

            /// `(pops, pushes)` when a jump instruction takes its branch.
            #[allow(unused_variables, clippy::identity_op)]
            pub fn branch_stack_effect(self, oparg: u32) -> (u32, u32) {
                match self {
                    $( $( Opcode::$name => { let $ba = oparg; ($bpops, $bpushes) } )? )*
                    _ => self.stack_effect(oparg),
                }
            }
        }
    };
}

opcodes! {
    /// Inline cache slot (never executed).
    Cache = 0, "CACHE", None, |a| (0, 0), cache 0, "misc";
    /// `(container, start, stop -- res)`
    BinarySlice = 1, "BINARY_SLICE", None, |a| (3, 1), cache 0, "subscr";
    /// `(strings: tuple, interpolations: tuple -- template)`
    BuildTemplate = 2, "BUILD_TEMPLATE", None, |a| (2, 1), cache 0, "build";
    /// `(func, null, callargs, kwargs_or_null -- res)`: `callargs` is any iterable
    /// (`f(*x)` passes `x` itself; convert with `tuple()` unless it is a tuple);
    /// `kwargs` is a dict.
    CallFunctionEx = 4, "CALL_FUNCTION_EX", None, |a| (4, 1), cache 0, "call";
    /// `(exc, match_type -- rest, match)`
    CheckEgMatch = 5, "CHECK_EG_MATCH", None, |a| (2, 2), cache 0, "exceptions";
    /// `(exc, type -- exc, bool)`
    CheckExcMatch = 6, "CHECK_EXC_MATCH", None, |a| (2, 2), cache 0, "exceptions";
    /// `(sub_iter, last_sent, exc -- none, value)`: StopIteration ends a `yield from`.
    CleanupThrow = 7, "CLEANUP_THROW", None, |a| (3, 2), cache 0, "generators";
    /// `(container, key --)`
    DeleteSubscr = 8, "DELETE_SUBSCR", None, |a| (2, 0), cache 0, "subscr";
    /// `(value --)`: jumped over by an exhausted FOR_ITER.
    EndFor = 9, "END_FOR", None, |a| (1, 0), cache 0, "for_iter";
    /// `(receiver, value -- value)`
    EndSend = 10, "END_SEND", None, |a| (2, 1), cache 0, "generators";
    /// `(should_be_none --)`: TypeError unless None (`__init__` result).
    ExitInitCheck = 11, "EXIT_INIT_CHECK", None, |a| (1, 0), cache 0, "call";
    /// `(value -- str)`: `format(value, "")`.
    FormatSimple = 12, "FORMAT_SIMPLE", None, |a| (1, 1), cache 0, "format";
    /// `(value, spec -- str)`
    FormatWithSpec = 13, "FORMAT_WITH_SPEC", None, |a| (2, 1), cache 0, "format";
    /// `(obj -- aiter)`
    GetAiter = 14, "GET_AITER", None, |a| (1, 1), cache 0, "async";
    /// `(aiter -- aiter, awaitable)`
    GetAnext = 15, "GET_ANEXT", None, |a| (1, 2), cache 0, "async";
    /// `(iterable -- iter)`
    GetIter = 16, "GET_ITER", None, |a| (1, 1), cache 0, "for_iter";
    /// `(obj -- obj, len)`
    GetLen = 18, "GET_LEN", None, |a| (1, 2), cache 0, "match";
    /// `(iterable -- iter)`: `iter()` unless a generator, or a coroutine in a
    /// coroutine-flagged code object.
    GetYieldFromIter = 19, "GET_YIELD_FROM_ITER", None, |a| (1, 1), cache 0, "generators";
    /// `(-- builtins.__build_class__)`
    LoadBuildClass = 21, "LOAD_BUILD_CLASS", None, |a| (0, 1), cache 0, "load";
    /// `(-- locals)`: the frame's locals mapping.
    LoadLocals = 22, "LOAD_LOCALS", None, |a| (0, 1), cache 0, "load";
    /// `(code -- func)`: a function with the frame's globals, no defaults/closure yet.
    MakeFunction = 23, "MAKE_FUNCTION", None, |a| (1, 1), cache 0, "function";
    /// `(subject, keys -- subject, keys, values_or_none)`
    MatchKeys = 24, "MATCH_KEYS", None, |a| (2, 3), cache 0, "match";
    /// `(subject -- subject, bool)`
    MatchMapping = 25, "MATCH_MAPPING", None, |a| (1, 2), cache 0, "match";
    /// `(subject -- subject, bool)`
    MatchSequence = 26, "MATCH_SEQUENCE", None, |a| (1, 2), cache 0, "match";
    /// Does nothing.
    Nop = 27, "NOP", None, |a| (0, 0), cache 0, "misc";
    /// Does nothing; marks the not-taken side of a conditional branch.
    NotTaken = 28, "NOT_TAKEN", None, |a| (0, 0), cache 0, "misc";
    /// `(exc_value --)`: restores the previous `sys.exception()`.
    PopExcept = 29, "POP_EXCEPT", None, |a| (1, 0), cache 0, "exceptions";
    /// `(iter --)`
    PopIter = 30, "POP_ITER", None, |a| (1, 0), cache 0, "for_iter";
    /// `(value --)`
    PopTop = 31, "POP_TOP", None, |a| (1, 0), cache 0, "stack";
    /// `(exc -- prev_exc, exc)`: makes `exc` the handled exception.
    PushExcInfo = 32, "PUSH_EXC_INFO", None, |a| (1, 2), cache 0, "exceptions";
    /// `(-- null)`
    PushNull = 33, "PUSH_NULL", None, |a| (0, 1), cache 0, "stack";
    /// `(-- none)`: turns the frame into a generator/coroutine and returns it.
    ReturnGenerator = 34, "RETURN_GENERATOR", None, |a| (0, 1), cache 0, "generators";
    /// `(value --)`: returns from the frame.
    ReturnValue = 35, "RETURN_VALUE", None, |a| (1, 0), cache 0, "call";
    /// Creates `__annotations__` in the locals if missing.
    SetupAnnotations = 36, "SETUP_ANNOTATIONS", None, |a| (0, 0), cache 0, "misc";
    /// `(value, container, start, stop --)`
    StoreSlice = 37, "STORE_SLICE", None, |a| (4, 0), cache 0, "subscr";
    /// `(value, container, key --)`
    StoreSubscr = 38, "STORE_SUBSCR", None, |a| (3, 0), cache 1, "subscr";
    /// `(value -- bool)`
    ToBool = 39, "TO_BOOL", None, |a| (1, 1), cache 3, "to_bool";
    /// `(value -- ~value)`
    UnaryInvert = 40, "UNARY_INVERT", None, |a| (1, 1), cache 0, "unary";
    /// `(value -- -value)`
    UnaryNegative = 41, "UNARY_NEGATIVE", None, |a| (1, 1), cache 0, "unary";
    /// `(bool -- not bool)`: the operand is already a bool.
    UnaryNot = 42, "UNARY_NOT", None, |a| (1, 1), cache 0, "unary";
    /// `(exit, self_or_null, lasti, prev_exc, val -- ..., res)`: calls `__exit__`.
    WithExceptStart = 43, "WITH_EXCEPT_START", None, |a| (5, 6), cache 0, "with";
    /// `(lhs, rhs -- res)`; subscript `lhs[rhs]` is [`BinaryOp::Subscr`].
    BinaryOp = 44, "BINARY_OP", BinOp, |a| (2, 1), cache 5, "binary_op";
    /// `(value, expression_text, format_spec? -- interpolation)`; see
    /// [`ArgKind::Interpolation`].
    BuildInterpolation = 45, "BUILD_INTERPOLATION", Interpolation, |a| (2 + (a & 1), 1), cache 0, "build";
    /// `(items[n] -- list)`
    BuildList = 46, "BUILD_LIST", Raw, |a| (a, 1), cache 0, "build";
    /// `(keys_and_values[2n] -- dict)`
    BuildMap = 47, "BUILD_MAP", Raw, |a| (2 * a, 1), cache 0, "build";
    /// `(items[n] -- set)`
    BuildSet = 48, "BUILD_SET", Raw, |a| (a, 1), cache 0, "build";
    /// `(start, stop[, step] -- slice)`, operand 2 or 3.
    BuildSlice = 49, "BUILD_SLICE", Raw, |a| (a, 1), cache 0, "build";
    /// `(pieces[n] -- str)`
    BuildString = 50, "BUILD_STRING", Raw, |a| (a, 1), cache 0, "build";
    /// `(items[n] -- tuple)`
    BuildTuple = 51, "BUILD_TUPLE", Raw, |a| (a, 1), cache 0, "build";
    /// `(callable, self_or_null, args[n] -- res)`
    Call = 52, "CALL", Raw, |a| (2 + a, 1), cache 3, "call";
    /// `(value -- res)`
    CallIntrinsic1 = 53, "CALL_INTRINSIC_1", Intrinsic1, |a| (1, 1), cache 0, "call";
    /// `(value2, value1 -- res)`
    CallIntrinsic2 = 54, "CALL_INTRINSIC_2", Intrinsic2, |a| (2, 1), cache 0, "call";
    /// `(callable, self_or_null, args[n], kwnames: tuple -- res)`; the last
    /// `len(kwnames)` args are keyword arguments.
    CallKw = 55, "CALL_KW", Raw, |a| (3 + a, 1), cache 3, "call";
    /// `(lhs, rhs -- res)`
    CompareOp = 56, "COMPARE_OP", Compare, |a| (2, 1), cache 1, "compare_op";
    /// `(lhs, container -- bool)`
    ContainsOp = 57, "CONTAINS_OP", Invert, |a| (2, 1), cache 1, "compare_op";
    /// `(value -- converted)`
    ConvertValue = 58, "CONVERT_VALUE", Convert, |a| (1, 1), cache 0, "format";
    /// `(bottom, [n-2 items], top -- bottom, ..., top, bottom)`: pushes the n-th item.
    Copy = 59, "COPY", Raw, |a| (a, a + 1), cache 0, "stack";
    /// Copies the closure's cells into the last `n` localsplus slots.
    CopyFreeVars = 60, "COPY_FREE_VARS", Raw, |a| (0, 0), cache 0, "cells";
    /// `(owner --)`
    DeleteAttr = 61, "DELETE_ATTR", Name, |a| (1, 0), cache 0, "attr";
    DeleteDeref = 62, "DELETE_DEREF", Local, |a| (0, 0), cache 0, "cells";
    DeleteFast = 63, "DELETE_FAST", Local, |a| (0, 0), cache 0, "locals";
    DeleteGlobal = 64, "DELETE_GLOBAL", Name, |a| (0, 0), cache 0, "globals";
    DeleteName = 65, "DELETE_NAME", Name, |a| (0, 0), cache 0, "names";
    /// `(callable, null, [n-3 items], dict, update --  callable, null, ..., dict)`:
    /// like DICT_UPDATE but raises on duplicate keys (`f(**a, **b)`).
    DictMerge = 66, "DICT_MERGE", Raw, |a| (1, 0), cache 0, "build";
    /// `(dict, [n-2 items], update -- dict, ...)`
    DictUpdate = 67, "DICT_UPDATE", Raw, |a| (1, 0), cache 0, "build";
    /// `(aiter, exc --)`: ends an `async for` on StopAsyncIteration, else re-raises
    /// (no operand, unlike CPython 3.14's, which only serves instrumentation).
    EndAsyncFor = 68, "END_ASYNC_FOR", None, |a| (2, 0), cache 0, "async";
    /// Prefix: the next instruction's operand gets this operand as its high bits.
    ExtendedArg = 69, "EXTENDED_ARG", Raw, |a| (0, 0), cache 0, "misc";
    /// `(iter -- iter, next)`; when exhausted, jumps past the END_FOR at its
    /// target, leaving `iter` for the POP_ITER that follows.
    ForIter = 70, "FOR_ITER", JumpForward, |a| (1, 2), branch |b| (1, 2), cache 1, "for_iter";
    /// `(iterable -- awaitable)`
    GetAwaitable = 71, "GET_AWAITABLE", Awaitable, |a| (1, 1), cache 0, "async";
    /// `(module -- module, attr)`
    ImportFrom = 72, "IMPORT_FROM", Name, |a| (1, 2), cache 0, "import";
    /// `(level, fromlist -- module)`
    ImportName = 73, "IMPORT_NAME", Name, |a| (2, 1), cache 0, "import";
    /// `(lhs, rhs -- bool)`
    IsOp = 74, "IS_OP", Invert, |a| (2, 1), cache 0, "compare_op";
    /// Checks the eval breaker, then jumps back.
    JumpBackward = 75, "JUMP_BACKWARD", JumpBackward, |a| (0, 0), cache 1, "jump";
    /// Jumps back without checking the eval breaker (inside `yield from`).
    JumpBackwardNoInterrupt = 76, "JUMP_BACKWARD_NO_INTERRUPT", JumpBackward, |a| (0, 0), cache 0, "jump";
    JumpForward = 77, "JUMP_FORWARD", JumpForward, |a| (0, 0), cache 0, "jump";
    /// `(list, [n-2 items], value -- list, ...)`
    ListAppend = 78, "LIST_APPEND", Raw, |a| (1, 0), cache 0, "build";
    /// `(list, [n-2 items], iterable -- list, ...)`
    ListExtend = 79, "LIST_EXTEND", Raw, |a| (1, 0), cache 0, "build";
    /// `(owner -- attr)` or, with the method bit, `(owner -- meth_or_attr, self_or_null)`.
    LoadAttr = 80, "LOAD_ATTR", Attr, |a| (1, 1 + (a & 1)), cache 9, "load_attr";
    /// `(-- value)`: a [`CommonConstant`].
    LoadCommonConstant = 81, "LOAD_COMMON_CONSTANT", CommonConst, |a| (0, 1), cache 0, "load";
    LoadConst = 82, "LOAD_CONST", Const, |a| (0, 1), cache 0, "load";
    /// `(-- value)` of the cell in a localsplus slot.
    LoadDeref = 83, "LOAD_DEREF", Local, |a| (0, 1), cache 0, "cells";
    /// `(-- value)`. The slot is never empty: the compiler emits LOAD_FAST_CHECK
    /// wherever a local may be unbound (the VM may still debug_assert). On a cell or
    /// free slot it pushes the cell itself (building closures).
    LoadFast = 84, "LOAD_FAST", Local, |a| (0, 1), cache 0, "locals";
    /// `(-- value_or_null)`, leaving the slot empty (inlined comprehensions).
    LoadFastAndClear = 85, "LOAD_FAST_AND_CLEAR", Local, |a| (0, 1), cache 0, "locals";
    /// LOAD_FAST that raises UnboundLocalError when the slot is empty (emitted where
    /// the local may be unbound: before assignment on some path, after `del`, ...).
    LoadFastCheck = 88, "LOAD_FAST_CHECK", Local, |a| (0, 1), cache 0, "locals";
    LoadFastLoadFast = 89, "LOAD_FAST_LOAD_FAST", LocalPair, |a| (0, 2), cache 0, "locals";
    /// `(mapping -- value)`: from the mapping, else the cell (class bodies).
    LoadFromDictOrDeref = 90, "LOAD_FROM_DICT_OR_DEREF", Local, |a| (1, 1), cache 0, "cells";
    /// `(mapping -- value)`: from the mapping, else globals, else builtins.
    LoadFromDictOrGlobals = 91, "LOAD_FROM_DICT_OR_GLOBALS", Name, |a| (1, 1), cache 0, "names";
    /// `(-- value[, null])`
    LoadGlobal = 92, "LOAD_GLOBAL", Global, |a| (0, 1 + (a & 1)), cache 4, "globals";
    LoadName = 93, "LOAD_NAME", Name, |a| (0, 1), cache 0, "names";
    LoadSmallInt = 94, "LOAD_SMALL_INT", SmallInt, |a| (0, 1), cache 0, "load";
    /// `(owner -- meth, self_or_null)`: looks up a [`SpecialMethod`] on the type.
    LoadSpecial = 95, "LOAD_SPECIAL", Special, |a| (1, 2), cache 0, "with";
    /// `(global_super, class, self -- attr[, self_or_null])`
    LoadSuperAttr = 96, "LOAD_SUPER_ATTR", SuperAttr, |a| (3, 1 + (a & 1)), cache 1, "load_attr";
    /// Replaces the localsplus slot's value with a new cell holding it.
    MakeCell = 97, "MAKE_CELL", Local, |a| (0, 0), cache 0, "cells";
    /// `(dict, [n-3 items], key, value -- dict, ...)`
    MapAdd = 98, "MAP_ADD", Raw, |a| (2, 0), cache 0, "build";
    /// `(subject, cls, kw_names: tuple -- attrs_tuple_or_none)`; operand = positional count.
    MatchClass = 99, "MATCH_CLASS", Raw, |a| (3, 1), cache 0, "match";
    PopJumpIfFalse = 100, "POP_JUMP_IF_FALSE", JumpForward, |a| (1, 0), cache 1, "jump";
    PopJumpIfNone = 101, "POP_JUMP_IF_NONE", JumpForward, |a| (1, 0), cache 1, "jump";
    PopJumpIfNotNone = 102, "POP_JUMP_IF_NOT_NONE", JumpForward, |a| (1, 0), cache 1, "jump";
    PopJumpIfTrue = 103, "POP_JUMP_IF_TRUE", JumpForward, |a| (1, 0), cache 1, "jump";
    /// `(args[n] --)`: 0 re-raises, 1 `raise exc`, 2 `raise exc from cause`.
    RaiseVarargs = 104, "RAISE_VARARGS", Raw, |a| (a, 0), cache 0, "exceptions";
    /// `(values[n], exc -- values[n])`: re-raises `exc`; if n, sets `f_lasti` from values[0].
    Reraise = 105, "RERAISE", Raw, |a| (1 + a, a), cache 0, "exceptions";
    /// `(receiver, value -- receiver, retval)`; jumps to its target (an END_SEND)
    /// when the receiver returns.
    Send = 106, "SEND", JumpForward, |a| (2, 2), branch |b| (2, 2), cache 1, "generators";
    /// `(set, [n-2 items], value -- set, ...)`
    SetAdd = 107, "SET_ADD", Raw, |a| (1, 0), cache 0, "build";
    /// `(attr, func -- func)`
    SetFunctionAttribute = 108, "SET_FUNCTION_ATTRIBUTE", FuncAttr, |a| (2, 1), cache 0, "function";
    /// `(set, [n-2 items], iterable -- set, ...)`
    SetUpdate = 109, "SET_UPDATE", Raw, |a| (1, 0), cache 0, "build";
    /// `(value, owner --)`
    StoreAttr = 110, "STORE_ATTR", Name, |a| (2, 0), cache 4, "attr";
    StoreDeref = 111, "STORE_DEREF", Local, |a| (1, 0), cache 0, "cells";
    /// `(value --)`; `value` may be NULL when restoring a slot saved by
    /// LOAD_FAST_AND_CLEAR around an inlined comprehension.
    StoreFast = 112, "STORE_FAST", Local, |a| (1, 0), cache 0, "locals";
    /// STORE_FAST a; LOAD_FAST b (operand `a << 4 | b`).
    StoreFastLoadFast = 113, "STORE_FAST_LOAD_FAST", LocalPair, |a| (1, 1), cache 0, "locals";
    /// STORE_FAST a; STORE_FAST b (operand `a << 4 | b`).
    StoreFastStoreFast = 114, "STORE_FAST_STORE_FAST", LocalPair, |a| (2, 0), cache 0, "locals";
    StoreGlobal = 115, "STORE_GLOBAL", Name, |a| (1, 0), cache 0, "globals";
    StoreName = 116, "STORE_NAME", Name, |a| (1, 0), cache 0, "names";
    /// Swaps the top with the n-th item.
    Swap = 117, "SWAP", Raw, |a| (a, a), cache 0, "stack";
    /// `(seq -- before[lo], list, after[hi])`, operand `hi << 8 | lo`.
    UnpackEx = 118, "UNPACK_EX", Raw, |a| (1, (a & 0xFF) + (a >> 8) + 1), cache 0, "unpack";
    /// `(seq -- items[n])`, with the first item on top, as CPython.
    UnpackSequence = 119, "UNPACK_SEQUENCE", Raw, |a| (1, a), cache 1, "unpack";
    /// `(value -- sent)`; operand 1 inside `yield from`/`await`.
    YieldValue = 120, "YIELD_VALUE", Raw, |a| (1, 1), cache 0, "generators";
    /// Frame start (0), after yield (1), after yield from (2), after await (3).
    Resume = 128, "RESUME", Raw, |a| (0, 0), cache 0, "misc";
}

impl Opcode {
    pub fn is_jump(self) -> bool {
        matches!(
            self.arg_kind(),
            ArgKind::JumpForward | ArgKind::JumpBackward
        )
    }

    /// Instructions after which control never falls through.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Opcode::JumpForward
                | Opcode::JumpBackward
                | Opcode::JumpBackwardNoInterrupt
                | Opcode::ReturnValue
                | Opcode::RaiseVarargs
                | Opcode::Reraise
        )
    }

    /// Whether the instruction has a meaningful operand (printed by `dis`).
    pub fn has_arg(self) -> bool {
        self.arg_kind() != ArgKind::None
    }
}

/// Operands of BINARY_OP, numbered as CPython's `NB_*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryOp {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
    InplaceAdd = 13,
    InplaceAnd = 14,
    InplaceFloorDivide = 15,
    InplaceLshift = 16,
    InplaceMatrixMultiply = 17,
    InplaceMultiply = 18,
    InplaceRemainder = 19,
    InplaceOr = 20,
    InplacePower = 21,
    InplaceRshift = 22,
    InplaceSubtract = 23,
    InplaceTrueDivide = 24,
    InplaceXor = 25,
    /// `container[key]`.
    Subscr = 26,
}

const BINOP_SYMBOLS: [&str; 27] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=",
    "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=", "[]",
];

impl BinaryOp {
    /// The operator's symbol, as `dis` prints it.
    pub fn symbol_of(oparg: u32) -> &'static str {
        BINOP_SYMBOLS.get(oparg as usize).copied().unwrap_or("?")
    }
}

/// COMPARE_OP comparison kinds (operand >> 5), numbered as CPython's `Py_LT`...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

pub const COMPARE_SYMBOLS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// CALL_INTRINSIC_1 functions, numbered as CPython's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Intrinsic1 {
    Invalid = 0,
    /// Interactive mode: `sys.displayhook(value)`.
    Print = 1,
    /// `from module import *` into the frame's locals; pushes None.
    ImportStar = 2,
    /// Converts a StopIteration escaping a generator to RuntimeError.
    StopIterationError = 3,
    /// Wraps a value yielded by an async generator.
    AsyncGenWrap = 4,
    UnaryPositive = 5,
    ListToTuple = 6,
    TypeVar = 7,
    ParamSpec = 8,
    TypeVarTuple = 9,
    SubscriptGeneric = 10,
    TypeAlias = 11,
}

pub const INTRINSIC1_NAMES: [&str; 12] = [
    "INTRINSIC_1_INVALID",
    "INTRINSIC_PRINT",
    "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR",
    "INTRINSIC_ASYNC_GEN_WRAP",
    "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE",
    "INTRINSIC_TYPEVAR",
    "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE",
    "INTRINSIC_SUBSCRIPT_GENERIC",
    "INTRINSIC_TYPEALIAS",
];

/// CALL_INTRINSIC_2 functions, numbered as CPython's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Intrinsic2 {
    Invalid = 0,
    PrepReraiseStar = 1,
    TypeVarWithBound = 2,
    TypeVarWithConstraints = 3,
    SetFunctionTypeParams = 4,
    SetTypeparamDefault = 5,
}

pub const INTRINSIC2_NAMES: [&str; 6] = [
    "INTRINSIC_2_INVALID",
    "INTRINSIC_PREP_RERAISE_STAR",
    "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
    "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    "INTRINSIC_SET_TYPEPARAM_DEFAULT",
];

/// SET_FUNCTION_ATTRIBUTE flags, as CPython's `MAKE_FUNCTION_*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum FunctionAttr {
    Defaults = 0x01,
    KwDefaults = 0x02,
    /// A tuple of `name, annotation` pairs (only from `from __future__ import annotations`
    /// for 3.14's `__annotations__` of strings; otherwise `Annotate` is used).
    Annotations = 0x04,
    Closure = 0x08,
    Annotate = 0x10,
}

pub fn function_attr_name(oparg: u32) -> &'static str {
    match oparg {
        0x01 => "defaults",
        0x02 => "kwdefaults",
        0x04 => "annotations",
        0x08 => "closure",
        0x10 => "annotate",
        _ => "?",
    }
}

/// LOAD_COMMON_CONSTANT operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CommonConstant {
    AssertionError = 0,
    NotImplementedError = 1,
    BuiltinTuple = 2,
    BuiltinAll = 3,
    BuiltinAny = 4,
}

pub const COMMON_CONSTANT_NAMES: [&str; 5] = [
    "AssertionError",
    "NotImplementedError",
    "tuple",
    "all",
    "any",
];

/// LOAD_SPECIAL operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum SpecialMethod {
    Enter = 0,
    Exit = 1,
    AEnter = 2,
    AExit = 3,
}

pub const SPECIAL_METHOD_NAMES: [&str; 4] = ["__enter__", "__exit__", "__aenter__", "__aexit__"];

/// RESUME operands (low bits; bit 2 set = "after a resume at depth 1" is unused here).
pub const RESUME_AT_FUNC_START: u32 = 0;
pub const RESUME_AFTER_YIELD: u32 = 1;
pub const RESUME_AFTER_YIELD_FROM: u32 = 2;
pub const RESUME_AFTER_AWAIT: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_round_trips() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_u8(op as u8), Some(op), "{}", op.name());
        }
        assert_eq!(Opcode::from_u8(3), None);
    }

    #[test]
    fn stack_effects() {
        assert_eq!(Opcode::Call.stack_effect(2), (4, 1));
        assert_eq!(Opcode::LoadGlobal.stack_effect(1), (0, 2));
        assert_eq!(Opcode::UnpackEx.stack_effect(0x0102), (1, 4));
        assert_eq!(Opcode::BinaryOp.cache_entries(), 5);
    }
}
