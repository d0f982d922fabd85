//! `Runtime`: the state every thread shares (via `Arc`): builtin types, singletons, interned
//! strings, `sys.modules`, the `builtins` and `sys` modules, configuration.
//!
//! There is one runtime per process (gc's registry is process-wide too). The builtin types and
//! singletons are immortal and reachable through read-only statics ([`types`], [`none`], …) set
//! once at start: they are the "read-only statics" style.md allows, and they make
//! `Value::class()` of an inline int a load, not a lookup.
//!
//! Entry points: [`Runtime::get`] (create on first use), [`types`], [`Runtime::intern`].

use crate::object::PyPayload;
use crate::objects::typeobj::{flags, PyType};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

static RUNTIME: OnceLock<Arc<Runtime>> = OnceLock::new();
static TYPES: OnceLock<BuiltinTypes> = OnceLock::new();
static SINGLETONS: OnceLock<Singletons> = OnceLock::new();
static NAMES: OnceLock<Names> = OnceLock::new();
/// Moves when a class dies, so thread-local type caches let go of what they hold for it
/// (interp/cache.rs). Cached lookups are keyed by per-type version tags (DESIGN:
/// type-version-tags), so this is about releasing references, not about correctness.
static TYPE_DEATHS: AtomicU64 = AtomicU64::new(1);

/// The builtin types (immortal).
#[inline]
pub fn types() -> &'static BuiltinTypes {
    match TYPES.get() {
        Some(t) => t,
        None => panic!("VM bug: runtime used before bootstrap"),
    }
}

#[inline]
fn singletons() -> &'static Singletons {
    match SINGLETONS.get() {
        Some(s) => s,
        None => panic!("VM bug: runtime used before bootstrap"),
    }
}

/// Common identifiers, interned at start.
#[inline]
pub fn names() -> &'static Names {
    match NAMES.get() {
        Some(s) => s,
        None => panic!("VM bug: runtime used before bootstrap"),
    }
}

#[inline]
pub fn none() -> Value {
    singletons().none.clone()
}
#[inline]
pub fn not_implemented() -> Value {
    singletons().not_implemented.clone()
}
#[inline]
pub fn ellipsis() -> Value {
    singletons().ellipsis.clone()
}
#[inline]
pub fn py_bool(b: bool) -> Value {
    if b {
        singletons().true_.clone()
    } else {
        singletons().false_.clone()
    }
}
#[inline]
pub fn empty_tuple() -> Value {
    singletons().empty_tuple.clone()
}
#[inline]
pub fn empty_str() -> Value {
    singletons().empty_str.clone()
}

impl Value {
    #[inline]
    pub fn is_none(&self) -> bool {
        self.is(&singletons().none)
    }
    #[inline]
    pub fn is_not_implemented(&self) -> bool {
        self.is(&singletons().not_implemented)
    }
    #[inline]
    pub fn is_true_obj(&self) -> bool {
        self.is(&singletons().true_)
    }
    #[inline]
    pub fn is_false_obj(&self) -> bool {
        self.is(&singletons().false_)
    }
}

pub fn type_deaths() -> u64 {
    // ORDERING: Relaxed: only decides when a thread flushes its own cache.
    TYPE_DEATHS.load(Ordering::Relaxed)
}

/// A class died: moves [`type_deaths`] and the finalizer epoch (its address may be reused).
pub fn note_type_death() {
    // ORDERING: Relaxed: see `type_deaths`.
    TYPE_DEATHS.fetch_add(1, Ordering::Relaxed);
    note_del_change();
}

/// Legacy catch-all for a change to some class's namespace: flushes every thread's type cache
/// and the finalizer cache. Version-tagged inline caches are not reached: callers that know the
/// class call [`PyType::modified`] instead, which is exact.
pub fn bump_type_epoch() {
    note_type_death();
}

/// Something may have changed whether a type has `__del__` (set or deleted on a class, new
/// bases, a new class): moves the finalizer epoch.
pub fn note_del_change() {
    // ORDERING: Release: see `del_epoch`.
    DEL_EPOCH.fetch_add(1, Ordering::Release);
}

/// Moves on every change that can change whether a type at a given address has `__del__`:
/// `__del__` set or deleted on any class, bases changes, class creation, class death (a
/// reused address): [`note_del_change`].
static DEL_EPOCH: AtomicU64 = AtomicU64::new(1);

pub fn del_epoch() -> u64 {
    // ORDERING: Acquire pairs with the Release bumps: a thread that sees the new epoch also
    // sees the class change that caused it.
    DEL_EPOCH.load(Ordering::Acquire)
}

/// Slots of the per-thread intern cache (see `Runtime::intern`).
const INTERN_CACHE_SLOTS: usize = 256;

thread_local! {
    /// (address key, interned str word; 0 = empty). Words of immortal strs: nothing to drop.
    static INTERN_CACHE: [std::cell::Cell<(usize, usize)>; INTERN_CACHE_SLOTS] =
        const { [const { std::cell::Cell::new((0, 0)) }; INTERN_CACHE_SLOTS] };
}

pub struct Singletons {
    pub none: Value,
    pub true_: Value,
    pub false_: Value,
    pub ellipsis: Value,
    pub not_implemented: Value,
    pub empty_tuple: Value,
    pub empty_str: Value,
}

macro_rules! builtin_types {
    ($($field:ident),* $(,)?) => {
        /// Every builtin type, by field.
        pub struct BuiltinTypes {
            $(pub $field: &'static PyType,)*
            pub exc: ExcTypes,
        }
    };
}

builtin_types! {
    object, type_, int, bool, float, complex, str, bytes, bytearray, tuple, list, dict, set,
    frozenset, none, not_implemented, ellipsis, function, builtin_function, method_descr,
    classmethod_descr, slot_wrapper, getset_descr, member_descr, classmethod, staticmethod,
    property, bound_method, code, cell, module, range, range_iter, list_iter, list_rev_iter,
    tuple_iter, str_iter, bytes_iter, dict_keys, dict_values, dict_items, dict_iter, set_iter,
    seq_iter, callable_iter, slice, generator, coroutine, async_generator, super_, mappingproxy,
    traceback, frame, enumerate, zip, map, filter, reversed, namespace, lock, rlock,
    thread_local, weakref, memoryview, thread_handle, generic_alias, union, method_wrapper,
    long_range_iter,
}

macro_rules! exc_types {
    ($($field:ident = $name:literal : $($base:ident),*;)*) => {
        /// The builtin exception classes.
        pub struct ExcTypes { $(pub $field: &'static PyType,)* }

        /// `(field name, Python name, bases)` in creation order.
        const EXC_TABLE: &[(&str, &str, &[&str])] = &[
            $((stringify!($field), $name, &[$(stringify!($base)),*]),)*
        ];

        impl ExcTypes {
            fn from_map(m: &HashMap<&'static str, &'static PyType>) -> ExcTypes {
                ExcTypes { $($field: m[stringify!($field)],)* }
            }
            /// Every exception class with its Python name.
            pub fn all(&self) -> Vec<(&'static str, &'static PyType)> {
                vec![$(($name, self.$field),)*]
            }
        }
    };
}

exc_types! {
    base_exception = "BaseException": ;
    base_exception_group = "BaseExceptionGroup": base_exception;
    generator_exit = "GeneratorExit": base_exception;
    keyboard_interrupt = "KeyboardInterrupt": base_exception;
    system_exit = "SystemExit": base_exception;
    exception = "Exception": base_exception;
    arithmetic_error = "ArithmeticError": exception;
    floating_point_error = "FloatingPointError": arithmetic_error;
    overflow_error = "OverflowError": arithmetic_error;
    zero_division_error = "ZeroDivisionError": arithmetic_error;
    assertion_error = "AssertionError": exception;
    attribute_error = "AttributeError": exception;
    buffer_error = "BufferError": exception;
    eof_error = "EOFError": exception;
    exception_group = "ExceptionGroup": base_exception_group, exception;
    import_error = "ImportError": exception;
    module_not_found_error = "ModuleNotFoundError": import_error;
    lookup_error = "LookupError": exception;
    index_error = "IndexError": lookup_error;
    key_error = "KeyError": lookup_error;
    memory_error = "MemoryError": exception;
    name_error = "NameError": exception;
    unbound_local_error = "UnboundLocalError": name_error;
    os_error = "OSError": exception;
    blocking_io_error = "BlockingIOError": os_error;
    child_process_error = "ChildProcessError": os_error;
    connection_error = "ConnectionError": os_error;
    broken_pipe_error = "BrokenPipeError": connection_error;
    connection_aborted_error = "ConnectionAbortedError": connection_error;
    connection_refused_error = "ConnectionRefusedError": connection_error;
    connection_reset_error = "ConnectionResetError": connection_error;
    file_exists_error = "FileExistsError": os_error;
    file_not_found_error = "FileNotFoundError": os_error;
    interrupted_error = "InterruptedError": os_error;
    is_a_directory_error = "IsADirectoryError": os_error;
    not_a_directory_error = "NotADirectoryError": os_error;
    permission_error = "PermissionError": os_error;
    process_lookup_error = "ProcessLookupError": os_error;
    timeout_error = "TimeoutError": os_error;
    reference_error = "ReferenceError": exception;
    runtime_error = "RuntimeError": exception;
    not_implemented_error = "NotImplementedError": runtime_error;
    python_finalization_error = "PythonFinalizationError": runtime_error;
    recursion_error = "RecursionError": runtime_error;
    stop_async_iteration = "StopAsyncIteration": exception;
    stop_iteration = "StopIteration": exception;
    syntax_error = "SyntaxError": exception;
    indentation_error = "IndentationError": syntax_error;
    tab_error = "TabError": indentation_error;
    incomplete_input_error = "_IncompleteInputError": syntax_error;
    system_error = "SystemError": exception;
    type_error = "TypeError": exception;
    value_error = "ValueError": exception;
    unicode_error = "UnicodeError": value_error;
    unicode_decode_error = "UnicodeDecodeError": unicode_error;
    unicode_encode_error = "UnicodeEncodeError": unicode_error;
    unicode_translate_error = "UnicodeTranslateError": unicode_error;
    warning = "Warning": exception;
    bytes_warning = "BytesWarning": warning;
    deprecation_warning = "DeprecationWarning": warning;
    encoding_warning = "EncodingWarning": warning;
    future_warning = "FutureWarning": warning;
    import_warning = "ImportWarning": warning;
    pending_deprecation_warning = "PendingDeprecationWarning": warning;
    resource_warning = "ResourceWarning": warning;
    runtime_warning = "RuntimeWarning": warning;
    syntax_warning = "SyntaxWarning": warning;
    unicode_warning = "UnicodeWarning": warning;
    user_warning = "UserWarning": warning;
}

macro_rules! names {
    ($($field:ident),* $(,)?) => {
        /// Interned identifiers the VM looks up by itself (dunders and friends).
        #[allow(non_snake_case)]
        pub struct Names { $(pub $field: Value,)* }
        impl Names {
            fn new(ts: &ThreadState) -> Names {
                Names { $($field: ts.intern(stringify!($field)),)* }
            }
        }
    };
}

names! {
    __init__, __new__, __call__, __repr__, __str__, __hash__, __eq__, __ne__, __lt__, __le__,
    __gt__, __ge__, __iter__, __next__, __len__, __bool__, __getitem__, __setitem__,
    __delitem__, __contains__, __getattr__, __getattribute__, __setattr__, __delattr__,
    __get__, __set__, __delete__, __name__, __qualname__, __module__, __doc__, __dict__,
    __class__, __slots__, __index__, __int__, __float__, __neg__, __pos__, __invert__,
    __abs__, __enter__, __exit__, __init_subclass__, __set_name__, __class_getitem__,
    __classcell__, __mro_entries__, __prepare__, __builtins__, __file__, __path__,
    __package__, __spec__, __loader__, __all__, __missing__, __instancecheck__,
    __subclasscheck__, __format__, __reversed__, __round__, __trunc__, __del__,
    __annotations__, __annotate__, __weakref__, __orig_bases__, __notes__, __traceback__,
    __cause__, __context__, __suppress_context__, __build_class__, __main__, __import__,
    __length_hint__, __await__, __aiter__, __anext__, __aenter__, __aexit__, __bytes__,
    __complex__, __ceil__, __floor__, __sizeof__, __reduce__, __reduce_ex__, __dir__,
    __type_params__, __firstlineno__, __static_attributes__, __debug__,
    args, value, name, obj, send, throw, close, keys, items, values, get, append, extend,
    write, flush, encoding, errors, end, sep, file, key, reverse, default, code, msg,
    filename, lineno, offset, text, end_lineno, end_offset, __iadd__,
}

/// State shared by every thread.
pub struct Runtime {
    interned: Mutex<HashMap<Box<str>, Value>>,
    versions: AtomicU64,
    /// `sys.modules`.
    pub modules: OnceLock<Value>,
    /// The `builtins` module and its dict.
    pub builtins: OnceLock<Value>,
    pub builtins_dict: OnceLock<Value>,
    /// The `sys` module.
    pub sys: OnceLock<Value>,
    pub recursion_limit: AtomicU32,
    /// Directory of CPython's pure-Python standard library.
    pub stdlib: Mutex<Option<PathBuf>>,
    pub argv: Mutex<Vec<String>>,
    /// Number of `_thread` threads alive (`_thread._count()`).
    pub thread_count: AtomicI64,
    /// Per-module import locks (import.rs).
    pub import_locks: Mutex<HashMap<String, Arc<crate::import::ImportLock>>>,
    /// Native modules registered by the stdlib crate.
    pub native_modules: Mutex<HashMap<String, crate::builtins::modules::NativeInit>>,
    /// Sources of compiled code, for tracebacks.
    pub sources: Mutex<HashMap<String, Arc<str>>>,
    /// Buffered stdout (see `builtins/sys.rs`); a leaf lock.
    pub stdout_buf: Mutex<Vec<u8>>,
    pub stdout_tty: bool,
    /// `threading.main_thread().ident`.
    pub main_ident: AtomicU64,
    /// `sys` settings (`set_int_max_str_digits`, audit hooks).
    pub sys_state: crate::builtins::sys::SysState,
}

impl Runtime {
    /// The process's runtime, created (and the calling thread registered for the bootstrap)
    /// on first use.
    pub fn get() -> Arc<Runtime> {
        RUNTIME
            .get_or_init(|| {
                let rt = Arc::new(Runtime {
                    interned: Mutex::new(HashMap::new()),
                    versions: AtomicU64::new(1),
                    modules: OnceLock::new(),
                    builtins: OnceLock::new(),
                    builtins_dict: OnceLock::new(),
                    sys: OnceLock::new(),
                    recursion_limit: AtomicU32::new(1000),
                    stdlib: Mutex::new(None),
                    argv: Mutex::new(Vec::new()),
                    thread_count: AtomicI64::new(0),
                    import_locks: Mutex::new(HashMap::new()),
                    native_modules: Mutex::new(HashMap::new()),
                    sources: Mutex::new(HashMap::new()),
                    stdout_buf: Mutex::new(Vec::new()),
                    stdout_tty: std::io::IsTerminal::is_terminal(&std::io::stdout()),
                    main_ident: AtomicU64::new(0),
                    sys_state: Default::default(),
                });
                bootstrap(&rt);
                rt
            })
            .clone()
    }

    /// Reserves `n` version numbers; returns the first.
    pub(crate) fn reserve_versions(&self, n: u64) -> u64 {
        // ORDERING: Relaxed: uniqueness only needs the RMW's atomicity.
        self.versions.fetch_add(n, Ordering::Relaxed)
    }

    /// The interned (immortal, unique) str for `s`.
    ///
    /// Native code interns the same literals (`"__add__"`, `"throw"`, …) over and over, so a
    /// per-thread direct-mapped cache keyed by the text's address answers first; a hit is
    /// confirmed by comparing the text, so a reused address can't give a wrong str. Misses take
    /// the global table's lock.
    #[inline]
    pub fn intern(&self, ts: &ThreadState, s: &str) -> Value {
        let key = s.as_ptr() as usize ^ s.len().rotate_left(48);
        let slot = ((key >> 3) ^ (key >> 13)) & (INTERN_CACHE_SLOTS - 1);
        let hit = INTERN_CACHE.with(|c| {
            let (k, w) = c[slot].get();
            if k != key || w == 0 {
                return None;
            }
            // SAFETY: cached words are interned strs (immortal: never freed, never written);
            // ManuallyDrop: we only look at the word and clone it.
            let v = std::mem::ManuallyDrop::new(unsafe { std::mem::transmute::<usize, Value>(w) });
            let same = v
                .downcast::<crate::objects::str::PyStr>()
                .and_then(|p| p.as_str())
                .is_some_and(|t| t == s);
            same.then(|| (*v).clone())
        });
        if let Some(v) = hit {
            return v;
        }
        let v = self.intern_slow(ts, s);
        INTERN_CACHE.with(|c| c[slot].set((key, v.bits())));
        v
    }

    fn intern_slow(&self, ts: &ThreadState, s: &str) -> Value {
        let mut m = match self.interned.lock() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        if let Some(v) = m.get(s) {
            return v.clone();
        }
        // One Latin-1 character: the shared one-character str (as CPython's LATIN1 singletons).
        let mut cs = s.chars();
        let v = match (cs.next(), cs.next()) {
            (Some(c), None) => crate::objects::str::latin1_char(c as u32),
            _ => None,
        }
        .unwrap_or_else(|| crate::objects::str::new_immortal_str(ts, s));
        m.insert(s.into(), v.clone());
        v
    }

    /// Interns an existing str value (returns the canonical object).
    pub fn intern_value(&self, ts: &ThreadState, v: &Value) -> Value {
        match v
            .downcast::<crate::objects::str::PyStr>()
            .and_then(|s| s.as_str())
        {
            Some(s) => self.intern(ts, s),
            None => v.clone(),
        }
    }

    pub fn builtins_dict(&self) -> &Value {
        self.builtins_dict
            .get()
            .expect("builtins exist after bootstrap")
    }

    pub fn sys_modules(&self) -> &Value {
        self.modules
            .get()
            .expect("sys.modules exists after bootstrap")
    }

    pub fn recursion_limit(&self) -> u32 {
        // ORDERING: Relaxed: a tuning knob.
        self.recursion_limit.load(Ordering::Relaxed)
    }
}

/// Allocates a builtin type object (immortal) with layout `T`.
fn make_type<T: PyPayload>(
    ts: &ThreadState,
    name: &str,
    base: Option<&'static PyType>,
    fl: u32,
) -> &'static PyType {
    let meta = TYPE_TYPE.get().copied();
    let ty = PyType::new_builtin::<T>(name, fl);
    let v = match meta {
        Some(meta) => crate::object::alloc(ts, meta, ty).expect("bootstrap allocation"),
        None => boot_type_type(ts, ty),
    };
    let r = v.to_obj().expect("type object");
    drop(v);
    assert!(r.immortalize(&ts.gc), "fresh type is unique");
    let p: *const PyType = crate::object::payload_ptr::<PyType>(r.header());
    std::mem::forget(r);
    // SAFETY: the type object is immortal, so its payload lives for the rest of the process.
    let t: &'static PyType = unsafe { &*p };
    if let Some(b) = base {
        t.set_base(b.to_value());
    }
    t
}

static TYPE_TYPE: OnceLock<&'static PyType> = OnceLock::new();
/// Creates a builtin type with Rust payload `T` after bootstrap: how the stdlib crate defines
/// the types of its native modules (`_tokenize.TokenizerIter`, `itertools.count`, ...).
///
/// `dotted_name` is `"module.Name"` (`__module__` and `__name__` come from it, as for
/// CPython's static types); `base` defaults to `object` and must have layout `T` or be
/// `object`. `setup` fills the slots and adds the methods (`objects::descr::add_method`,
/// `add_getset`, ...) before the slot wrappers are made and the base's slots inherited, the
/// order bootstrap uses. The type is immortal; make it once per process (e.g. in a
/// `OnceLock`) and reuse it on every import of the module.
pub fn new_native_type<T: PyPayload>(
    ts: &ThreadState,
    dotted_name: &str,
    base: Option<&'static PyType>,
    flags: u32,
    setup: impl FnOnce(&ThreadState, &'static PyType),
) -> &'static PyType {
    let base = base.unwrap_or(types().object);
    let t = make_type::<T>(ts, dotted_name, Some(base), flags);
    let d = crate::objects::dict::PyDict::new_value(ts).expect("type dict allocation");
    t.init_dict(immortal(ts, d));
    set_builtin_hierarchy(ts, t, vec![base.to_value()]);
    setup(ts, t);
    crate::objects::descr::add_slot_wrappers(ts, t);
    for c in t.mro().iter().skip(1) {
        t.slots.inherit(&c.as_type().slots);
    }
    t
}

/// Allocates `type` itself: its header must point at its own payload's vtable.
fn boot_type_type(ts: &ThreadState, ty: PyType) -> Value {
    let vt: &'static gc::GcVtable = Box::leak(Box::new(crate::object::builtin_vtable::<PyType>()));
    // SAFETY: the payload is written right below; the vtable is leaked ('static).
    let h = unsafe { gc::alloc(Some(&ts.gc), vt, vt.size) }.expect("bootstrap allocation");
    let p = h
        .as_ptr()
        .cast::<u8>()
        .wrapping_add(crate::object::PAYLOAD_OFFSET)
        .cast::<PyType>();
    // SAFETY: fresh block sized for a PyType.
    unsafe { p.write(ty) };
    // SAFETY: `p` is initialised; the new vtable describes the same layout.
    unsafe { h.as_ref().set_vtable((*p).vtable()) };
    // SAFETY: we own the fresh reference.
    unsafe { Value::from_raw_owned(h) }
}

fn bootstrap(rt: &Arc<Runtime>) {
    // The bootstrap runs on whatever thread first asks for the runtime; it registers that thread
    // with gc temporarily if needed (objects it makes are immortal or handed to the runtime).
    let ts = match ThreadState::new(rt.clone()) {
        Ok(ts) => ts,
        Err(_) => panic!("Runtime::get must be called before the thread registers"),
    };
    use crate::object::PyObjectBase;
    use crate::objects::*;
    let base = flags::BASETYPE;
    let type_ = make_type::<PyType>(&ts, "type", None, base);
    let _ = TYPE_TYPE.set(type_);
    let object = make_type::<PyObjectBase>(&ts, "object", None, base);
    // `type`'s base is object (set now that object exists).
    type_.set_base(object.to_value());
    let o = Some(object);
    let int = make_type::<int::PyInt>(&ts, "int", o, base);
    macro_rules! t {
        ($ty:ty, $name:literal) => {
            make_type::<$ty>(&ts, $name, o, 0)
        };
        ($ty:ty, $name:literal, base) => {
            make_type::<$ty>(&ts, $name, o, base)
        };
    }
    let exc_base = make_type::<exceptions::PyBaseException>(&ts, "BaseException", o, base);
    let mut exc_map: HashMap<&'static str, &'static PyType> = HashMap::new();
    exc_map.insert("base_exception", exc_base);
    for (field, name, bases) in EXC_TABLE.iter().skip(1) {
        let b = exc_map[bases[0]];
        let t = make_type::<exceptions::PyBaseException>(&ts, name, Some(b), base);
        exc_map.insert(field, t);
    }
    let types = BuiltinTypes {
        object,
        type_,
        int,
        bool: make_type::<int::PyInt>(&ts, "bool", Some(int), 0),
        float: t!(float::PyFloat, "float", base),
        complex: t!(float::PyComplex, "complex", base),
        str: t!(str::PyStr, "str", base),
        bytes: t!(bytes::PyBytes, "bytes", base),
        bytearray: t!(bytes::PyByteArray, "bytearray", base),
        tuple: t!(tuple::PyTuple, "tuple", base),
        list: t!(list::PyList, "list", base),
        dict: t!(dict::PyDict, "dict", base),
        set: t!(set::PySet, "set", base),
        frozenset: t!(set::PySet, "frozenset", base),
        none: t!(PyObjectBase, "NoneType"),
        not_implemented: t!(PyObjectBase, "NotImplementedType"),
        ellipsis: t!(PyObjectBase, "ellipsis"),
        function: t!(function::PyFunction, "function"),
        builtin_function: t!(
            builtin_func::PyBuiltinFunction,
            "builtin_function_or_method"
        ),
        method_descr: t!(descr::PyMethodDescr, "method_descriptor"),
        classmethod_descr: t!(descr::PyMethodDescr, "classmethod_descriptor"),
        slot_wrapper: t!(descr::PyMethodDescr, "wrapper_descriptor"),
        getset_descr: t!(descr::PyGetSet, "getset_descriptor"),
        member_descr: t!(descr::PyMember, "member_descriptor"),
        classmethod: t!(descr::PyClassMethod, "classmethod", base),
        staticmethod: t!(descr::PyClassMethod, "staticmethod", base),
        property: t!(descr::PyProperty, "property", base),
        bound_method: t!(function::PyBoundMethod, "method"),
        code: t!(code::PyCode, "code"),
        cell: t!(function::PyCell, "cell"),
        module: t!(module::PyModule, "module", base),
        range: t!(range::PyRange, "range"),
        range_iter: t!(range::PyRangeIter, "range_iterator"),
        long_range_iter: t!(range::PyLongRangeIter, "longrange_iterator"),
        list_iter: t!(iter::PySeqIter, "list_iterator"),
        list_rev_iter: t!(iter::PySeqIter, "list_reverseiterator"),
        tuple_iter: t!(iter::PySeqIter, "tuple_iterator"),
        str_iter: t!(iter::PySeqIter, "str_ascii_iterator"),
        bytes_iter: t!(iter::PySeqIter, "bytes_iterator"),
        dict_keys: t!(dict::PyDictView, "dict_keys"),
        dict_values: t!(dict::PyDictView, "dict_values"),
        dict_items: t!(dict::PyDictView, "dict_items"),
        dict_iter: t!(dict::PyDictIter, "dict_keyiterator"),
        set_iter: t!(set::PySetIter, "set_iterator"),
        seq_iter: t!(iter::PySeqIter, "iterator"),
        callable_iter: t!(iter::PyCallableIter, "callable_iterator"),
        slice: t!(range::PySlice, "slice"),
        generator: t!(generator::PyGenerator, "generator"),
        coroutine: t!(generator::PyGenerator, "coroutine"),
        async_generator: t!(generator::PyGenerator, "async_generator"),
        super_: t!(super_::PySuper, "super", base),
        mappingproxy: t!(descr::PyMappingProxy, "mappingproxy"),
        traceback: t!(exceptions::PyTraceback, "traceback"),
        frame: t!(exceptions::PyFrameObj, "frame"),
        enumerate: t!(iter::PyEnumerate, "enumerate", base),
        zip: t!(iter::PyZip, "zip", base),
        map: t!(iter::PyMap, "map", base),
        filter: t!(iter::PyFilter, "filter", base),
        reversed: t!(iter::PySeqIter, "reversed", base),
        namespace: t!(module::PyModule, "types.SimpleNamespace", base),
        lock: t!(crate::builtins::thread::PyLock, "_thread.lock"),
        rlock: t!(crate::builtins::thread::PyRLock, "_thread.RLock", base),
        thread_local: t!(crate::builtins::thread::PyLocal, "_thread._local", base),
        weakref: t!(iter::PyWeakRef, "weakref.ReferenceType", base),
        memoryview: t!(memoryview::PyMemoryView, "memoryview"),
        thread_handle: t!(
            crate::builtins::thread::PyThreadHandle,
            "_thread._ThreadHandle"
        ),
        generic_alias: t!(generic_alias::PyGenericAlias, "types.GenericAlias", base),
        union: t!(generic_alias::PyUnion, "typing.Union"),
        method_wrapper: t!(builtin_func::PyBuiltinFunction, "method-wrapper"),
        exc: ExcTypes::from_map(&exc_map),
    };
    if TYPES.set(types).is_err() {
        panic!("VM bug: bootstrap ran twice");
    }
    let tys = crate::runtime::types();
    // Singletons need their types.
    let mk = |t: &'static PyType| {
        let v = crate::object::alloc(&ts, t, PyObjectBase).expect("bootstrap allocation");
        immortal(&ts, v)
    };
    let none = mk(tys.none);
    let not_implemented = mk(tys.not_implemented);
    let ellipsis = mk(tys.ellipsis);
    let true_ = immortal(&ts, int::new_bool_obj(&ts, true));
    let false_ = immortal(&ts, int::new_bool_obj(&ts, false));
    let empty_tuple = immortal(&ts, tuple::new_tuple_raw(&ts, Vec::new()));
    let empty_str = crate::objects::str::new_immortal_str(&ts, "");
    crate::objects::str::init_char_cache(&ts);
    let _ = SINGLETONS.set(Singletons {
        none,
        true_,
        false_,
        ellipsis,
        not_implemented,
        empty_tuple,
        empty_str,
    });
    let _ = NAMES.set(Names::new(&ts));
    // Hierarchies (tuples exist now) and dicts.
    let all = all_types(tys);
    for t in &all {
        let d = crate::objects::dict::PyDict::new_value(&ts).expect("bootstrap allocation");
        t.init_dict(immortal(&ts, d));
    }
    for t in &all {
        let bases: Vec<Value> = match (t.is(tys.exc.exception_group), t.base()) {
            (true, _) => vec![
                tys.exc.base_exception_group.to_value(),
                tys.exc.exception.to_value(),
            ],
            (false, Some(b)) => vec![b.to_value()],
            (false, None) => vec![],
        };
        set_builtin_hierarchy(&ts, t, bases);
    }
    crate::objects::init_types(&ts);
    for t in &all {
        crate::objects::descr::add_slot_wrappers(&ts, t);
    }
    for t in &all {
        for c in t.mro().iter().skip(1) {
            t.slots.inherit(&c.as_type().slots);
        }
    }
    crate::builtins::init(&ts, rt);
    drop(ts);
}

fn immortal(ts: &ThreadState, v: Value) -> Value {
    if let Some(r) = v.to_obj() {
        drop(v);
        let ok = r.immortalize(&ts.gc);
        debug_assert!(ok, "bootstrap object not unique");
        Value::from_obj(r)
    } else {
        v
    }
}

fn set_builtin_hierarchy(ts: &ThreadState, t: &'static PyType, bases: Vec<Value>) {
    let me = t.to_value();
    let mro = if bases.is_empty() {
        vec![me.clone()]
    } else {
        crate::objects::typeobj::c3_mro(ts, &me, &bases).unwrap_or_else(|_| vec![me.clone()])
    };
    let bt = immortal(ts, crate::objects::tuple::new_tuple_raw(ts, bases));
    let mt = immortal(ts, crate::objects::tuple::new_tuple_raw(ts, mro));
    t.init_hierarchy(bt, Some(mt));
}

pub(crate) fn all_types(t: &'static BuiltinTypes) -> Vec<&'static PyType> {
    let mut v = vec![
        t.object,
        t.type_,
        t.int,
        t.bool,
        t.float,
        t.complex,
        t.str,
        t.bytes,
        t.bytearray,
        t.tuple,
        t.list,
        t.dict,
        t.set,
        t.frozenset,
        t.none,
        t.not_implemented,
        t.ellipsis,
        t.function,
        t.builtin_function,
        t.method_descr,
        t.classmethod_descr,
        t.slot_wrapper,
        t.getset_descr,
        t.member_descr,
        t.classmethod,
        t.staticmethod,
        t.property,
        t.bound_method,
        t.code,
        t.cell,
        t.module,
        t.range,
        t.range_iter,
        t.long_range_iter,
        t.list_iter,
        t.list_rev_iter,
        t.tuple_iter,
        t.str_iter,
        t.bytes_iter,
        t.dict_keys,
        t.dict_values,
        t.dict_items,
        t.dict_iter,
        t.set_iter,
        t.seq_iter,
        t.callable_iter,
        t.slice,
        t.generator,
        t.coroutine,
        t.async_generator,
        t.super_,
        t.mappingproxy,
        t.traceback,
        t.frame,
        t.enumerate,
        t.zip,
        t.map,
        t.filter,
        t.reversed,
        t.namespace,
        t.lock,
        t.rlock,
        t.thread_local,
        t.weakref,
        t.memoryview,
        t.thread_handle,
        t.generic_alias,
        t.union,
        t.method_wrapper,
    ];
    v.extend(t.exc.all().into_iter().map(|(_, t)| t));
    v
}
