//! Type slots: the Rust function pointers through which the VM runs every protocol
//! (CPython's `tp_*`/`nb_*`/`sq_*`/`mp_*` slots, merged where one function per family is
//! enough: one `binary` slot takes the operator).
//!
//! Builtin types fill their slots with Rust functions. A Python class gets, for each slot whose
//! dunder some class on its MRO defines in Python, a *dispatcher* (`objects/slot_dispatch.rs`)
//! that looks the dunder up and calls it; other slots are inherited from the builtin base.
//! Assigning a dunder on a class later refills its slots (`PyType::update_slots`).
//!
//! Slots are atomic words so that a class can be updated while other threads run its methods.

use crate::errors::PyResult;
use crate::objects::tuple::PyTuple;
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `obj.name` (name is a str).
pub type GetattroFn = fn(&ThreadState, &Value, &Value) -> PyResult<Value>;
/// `obj.name = v` / `del obj.name` (`None`).
pub type SetattroFn = fn(&ThreadState, &Value, &Value, Option<Value>) -> PyResult<()>;
/// Vectorcall: `callable(*args)`, the last `len(kwnames)` args passed by keyword.
pub type CallFn = fn(&ThreadState, &Value, &[Value], Option<&PyTuple>) -> PyResult<Value>;
pub type HashFn = fn(&ThreadState, &Value) -> PyResult<i64>;
pub type RichCmpFn = fn(&ThreadState, &Value, &Value, CmpOp) -> PyResult<Value>;
pub type UnaryFn = fn(&ThreadState, &Value) -> PyResult<Value>;
/// `Ok(None)`: exhausted (no StopIteration object is made).
pub type IterNextFn = fn(&ThreadState, &Value) -> PyResult<Option<Value>>;
/// `descr.__get__(obj_or_none, type)`.
pub type DescrGetFn = fn(&ThreadState, &Value, Option<&Value>, &Value) -> PyResult<Value>;
/// `descr.__set__(obj, v)` / `__delete__` (`None`).
pub type DescrSetFn = fn(&ThreadState, &Value, &Value, Option<Value>) -> PyResult<()>;
/// `cls.__new__(cls, *args)`.
pub type NewFn = fn(&ThreadState, &Value, &[Value], Option<&PyTuple>) -> PyResult<Value>;
/// `self.__init__(*args)`.
pub type InitFn = fn(&ThreadState, &Value, &[Value], Option<&PyTuple>) -> PyResult<()>;
/// A binary operator (`BinOp`); returns `NotImplemented` when it doesn't apply.
pub type BinaryFn = fn(&ThreadState, &Value, &Value, BinOp) -> PyResult<Value>;
/// `-x`, `+x`, `~x`, `abs(x)`.
pub type UnaryOpFn = fn(&ThreadState, &Value, UnaryOp) -> PyResult<Value>;
pub type LenFn = fn(&ThreadState, &Value) -> PyResult<usize>;
pub type BoolFn = fn(&ThreadState, &Value) -> PyResult<bool>;
pub type GetItemFn = fn(&ThreadState, &Value, &Value) -> PyResult<Value>;
/// `obj[k] = v` / `del obj[k]` (`None`).
pub type SetItemFn = fn(&ThreadState, &Value, &Value, Option<Value>) -> PyResult<()>;
pub type ContainsFn = fn(&ThreadState, &Value, &Value) -> PyResult<bool>;

/// Rich comparison operators, numbered as CPython's `Py_LT`...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CmpOp {
    pub fn from_u32(v: u32) -> CmpOp {
        match v {
            0 => CmpOp::Lt,
            1 => CmpOp::Le,
            2 => CmpOp::Eq,
            3 => CmpOp::Ne,
            4 => CmpOp::Gt,
            _ => CmpOp::Ge,
        }
    }
    /// The operator with its operands swapped (`a < b` ⇔ `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
    /// Applies the operator to an `Ordering`.
    pub fn test(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }
}

/// Binary operators, numbered as the compiler's `BinaryOp` (CPython's `NB_*`), without the
/// in-place forms (the VM maps `+=` to `Add` after trying the in-place slot) and `Subscr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add = 0,
    And = 1,
    FloorDiv = 2,
    Lshift = 3,
    MatMul = 4,
    Mul = 5,
    Mod = 6,
    Or = 7,
    Pow = 8,
    Rshift = 9,
    Sub = 10,
    TrueDiv = 11,
    Xor = 12,
}

impl BinOp {
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::And,
        BinOp::FloorDiv,
        BinOp::Lshift,
        BinOp::MatMul,
        BinOp::Mul,
        BinOp::Mod,
        BinOp::Or,
        BinOp::Pow,
        BinOp::Rshift,
        BinOp::Sub,
        BinOp::TrueDiv,
        BinOp::Xor,
    ];
    pub fn from_u32(v: u32) -> Option<BinOp> {
        Self::ALL.get(v as usize).copied()
    }
    pub fn symbol(self) -> &'static str {
        [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
        ][self as usize]
    }
    pub fn dunder(self) -> &'static str {
        [
            "__add__",
            "__and__",
            "__floordiv__",
            "__lshift__",
            "__matmul__",
            "__mul__",
            "__mod__",
            "__or__",
            "__pow__",
            "__rshift__",
            "__sub__",
            "__truediv__",
            "__xor__",
        ][self as usize]
    }
    pub fn rdunder(self) -> &'static str {
        [
            "__radd__",
            "__rand__",
            "__rfloordiv__",
            "__rlshift__",
            "__rmatmul__",
            "__rmul__",
            "__rmod__",
            "__ror__",
            "__rpow__",
            "__rrshift__",
            "__rsub__",
            "__rtruediv__",
            "__rxor__",
        ][self as usize]
    }
    pub fn idunder(self) -> &'static str {
        [
            "__iadd__",
            "__iand__",
            "__ifloordiv__",
            "__ilshift__",
            "__imatmul__",
            "__imul__",
            "__imod__",
            "__ior__",
            "__ipow__",
            "__irshift__",
            "__isub__",
            "__itruediv__",
            "__ixor__",
        ][self as usize]
    }
}

/// Unary number operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Abs,
}

impl UnaryOp {
    pub fn dunder(self) -> &'static str {
        match self {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Abs => "__abs__",
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Neg => "unary -",
            UnaryOp::Pos => "unary +",
            UnaryOp::Invert => "unary ~",
            UnaryOp::Abs => "abs()",
        }
    }
}

/// One slot: an atomic word holding a function pointer of type `F` (or 0).
pub struct SlotCell<F> {
    word: AtomicUsize,
    _f: PhantomData<F>,
}

impl<F: Copy> Default for SlotCell<F> {
    fn default() -> Self {
        const { assert!(std::mem::size_of::<F>() == std::mem::size_of::<usize>()) };
        SlotCell {
            word: AtomicUsize::new(0),
            _f: PhantomData,
        }
    }
}

impl<F: Copy> SlotCell<F> {
    #[inline]
    pub fn get(&self) -> Option<F> {
        // ORDERING: Relaxed: a function pointer carries no data that needs publishing (the code
        // is static); a racing reader sees the old or the new function, both valid.
        let w = self.word.load(Ordering::Relaxed);
        if w == 0 {
            None
        } else {
            // SAFETY: only `set` writes the word, from an `F` (a fn pointer of the same size).
            Some(unsafe { std::mem::transmute_copy::<usize, F>(&w) })
        }
    }

    pub fn set(&self, f: Option<F>) {
        let w = match f {
            // SAFETY: `F` is a fn pointer type, the same size as usize (checked in `default`).
            Some(f) => unsafe { std::mem::transmute_copy::<F, usize>(&f) },
            None => 0,
        };
        // ORDERING: Relaxed: see `get`.
        self.word.store(w, Ordering::Relaxed);
    }

    pub fn is_set(&self) -> bool {
        // ORDERING: Relaxed: see `get`.
        self.word.load(Ordering::Relaxed) != 0
    }

    /// Whether the slot holds exactly `f`.
    pub fn is(&self, f: F) -> bool {
        // SAFETY: as in `set`.
        let w = unsafe { std::mem::transmute_copy::<F, usize>(&f) };
        // ORDERING: Relaxed: see `get`.
        self.word.load(Ordering::Relaxed) == w
    }
}

macro_rules! slot_table {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// A type's slot table.
        #[derive(Default)]
        pub struct Slots { $(pub $name: SlotCell<$ty>,)* }

        impl Slots {
            /// Copies every slot of `base` that is unset here.
            pub fn inherit(&self, base: &Slots) {
                $( if !self.$name.is_set() { self.$name.set(base.$name.get()); } )*
            }
        }
    };
}

slot_table! {
    getattro: GetattroFn,
    setattro: SetattroFn,
    call: CallFn,
    hash: HashFn,
    richcompare: RichCmpFn,
    iter: UnaryFn,
    iternext: IterNextFn,
    repr: UnaryFn,
    str: UnaryFn,
    descr_get: DescrGetFn,
    descr_set: DescrSetFn,
    new: NewFn,
    init: InitFn,
    binary: BinaryFn,
    inplace: BinaryFn,
    unary: UnaryOpFn,
    index: UnaryFn,
    int: UnaryFn,
    float: UnaryFn,
    bool: BoolFn,
    len: LenFn,
    getitem: GetItemFn,
    setitem: SetItemFn,
    contains: ContainsFn,
}
