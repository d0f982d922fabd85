//! The bytecode compiler: AST + symbol table → [`CodeUnit`].
//!
//! Follows CPython 3.14's `Python/codegen.c` (what to emit for each construct),
//! `Python/flowgraph.c` (exception targets, stack depth, small peepholes) and
//! `Python/assemble.c` (jump offsets, exception and line tables), simplified where the
//! result is the same for the VM. Modules: [`ir`] (blocks and pseudo-instructions),
//! `stmt`/`expr`/`pattern`/`annotations` (code generation), [`fold`] (constant folding),
//! `assemble` (IR → `CodeUnit`).
//!
//! Pure: no global state, so many files can be compiled at once from many threads.
//! Recursion over nested scopes and expressions is bounded by [`MAX_NESTING`] so that
//! deeply nested input gives CPython's "too many nested ..." errors instead of a Rust
//! stack overflow.

mod annotations;
mod assemble;
mod call;
mod comprehension;
mod exceptions;
mod expr;
pub mod fold;
mod function;
pub mod ir;
mod pattern;
mod stmt;
mod unparse;

use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::*;
use crate::code::{CodeConst, CodeUnit, Location};
use crate::error::{SyntaxError, Warning};
use crate::opcode::Opcode;
use crate::symtable::{self, ScopeId, ScopeKey, ScopeKind, SymbolScope, SymbolTable};
use crate::Mode;
use ir::*;

/// Deepest nesting of expressions, statements and patterns the compiler accepts
/// (CPython's limit comes from its C stack: "maximum recursion depth exceeded during
/// compilation"). A level costs about 1.2 KiB of Rust stack in release builds and up
/// to 16 KiB in debug builds, so 500 levels fit a 2 MiB thread (rayon's default) in
/// release. Left-nested operator chains (`a + b + c ...`) are walked iteratively and
/// do not count.
pub const MAX_NESTING: usize = 500;

/// Most nested loops/try/with blocks in one function (CPython's `CO_MAXBLOCKS`).
const MAX_BLOCKS: usize = 21;

/// Compiles a parsed module (CPython's `compile(src, filename, mode, dont_inherit=True,
/// optimize=optimize)` after parsing). `optimize` is `-O` level: 1 drops asserts and
/// makes `__debug__` false, 2 also drops docstrings.
pub fn compile_module(
    m: &Mod,
    filename: &str,
    mode: Mode,
    optimize: u8,
) -> Result<CodeUnit, SyntaxError> {
    compile_module_with_warnings(m, filename, mode, optimize).map(|(c, _)| c)
}

/// As [`compile_module`], also returning the `SyntaxWarning`s the compiler raised
/// (e.g. `"is" with 'int' literal`, PEP 765 `'return' in a 'finally' block`).
pub fn compile_module_with_warnings(
    m: &Mod,
    filename: &str,
    mode: Mode,
    optimize: u8,
) -> Result<(CodeUnit, Vec<Warning>), SyntaxError> {
    let future_annotations = stmt::check_future(m)?;
    let st = symtable::build(m, future_annotations)?;
    let mut c = Compiler {
        st,
        filename: Arc::from(filename),
        optimize,
        future_annotations,
        interactive: mode == Mode::Single,
        units: Vec::new(),
        warnings: Vec::new(),
        nesting: 0,
    };
    stmt::finally_warnings(m, &mut c.warnings);
    let code = c.compile_mod(m, mode)?;
    Ok((code, c.warnings))
}

/// What kind of code object a unit produces (CPython's `COMPILE_SCOPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    /// `__annotate__`, type parameter, TypeVar bound and type alias scopes.
    Annotations,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FBlockKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
    StopIteration,
}

/// A frame block: what `break`/`continue`/`return` must unwind.
#[derive(Clone)]
pub(crate) struct FBlock<'a> {
    pub kind: FBlockKind,
    /// Loop start (continue target) or the handler block.
    pub block: BlockId,
    /// Loop exit (break target).
    pub exit: BlockId,
    /// FinallyTry: the finally body; HandlerCleanup: the bound name.
    pub final_body: Option<&'a [Stmt]>,
    pub name: Option<&'a str>,
    pub loc: Location,
}

/// Hashable identity of a constant (so `1`, `1.0` and `True` stay distinct).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    True,
    False,
    Ellipsis,
    Int(Int),
    Float(u64),
    Complex(u64, u64),
    Str(Wtf8Buf),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
}

fn const_key(c: &Constant) -> ConstKey {
    match c {
        Constant::None => ConstKey::None,
        Constant::True => ConstKey::True,
        Constant::False => ConstKey::False,
        Constant::Ellipsis => ConstKey::Ellipsis,
        Constant::Int(i) => ConstKey::Int(i.clone()),
        Constant::Float(f) => ConstKey::Float(f.to_bits()),
        Constant::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
        Constant::Str(s) => ConstKey::Str(s.clone()),
        Constant::Bytes(b) => ConstKey::Bytes(b.clone()),
        Constant::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Constant::FrozenSet(t) => ConstKey::FrozenSet(t.iter().map(const_key).collect()),
    }
}

/// An insertion-ordered set of names with their indexes.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameList {
    pub list: Vec<Box<str>>,
    map: HashMap<Box<str>, u32>,
}

impl NameList {
    pub fn add(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.map.get(name) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(name.into());
        self.map.insert(name.into(), i);
        i
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.map.get(name).copied()
    }
}

/// One code object being compiled (CPython's `compiler_unit`).
pub(crate) struct Unit<'a> {
    pub scope: ScopeId,
    pub kind: UnitKind,
    pub name: Box<str>,
    pub qualname: String,
    pub consts: Vec<CodeConst>,
    const_map: HashMap<ConstKey, u32>,
    pub names: NameList,
    pub varnames: NameList,
    pub cellvars: NameList,
    pub freevars: NameList,
    pub fasthidden: HashMap<Box<str>, bool>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub blocks: Vec<Block>,
    pub order: Vec<BlockId>,
    pub cur: BlockId,
    pub fblocks: Vec<FBlock<'a>>,
    pub firstlineno: u32,
    pub private: Option<Box<str>>,
    pub static_attributes: Option<Vec<Box<str>>>,
    pub in_inlined_comp: u32,
    pub loc: Location,
    pub extra_flags: u32,
    /// Simple annotated names of a module/class body, for its `__annotate__`.
    pub deferred_annotations: Vec<(&'a Stmt, Option<u32>)>,
    /// `deferred_annotations` by statement address (its conditional index).
    pub annotation_index: HashMap<usize, Option<u32>>,
}

pub(crate) struct Compiler<'a> {
    pub st: SymbolTable,
    pub filename: Arc<str>,
    pub optimize: u8,
    pub future_annotations: bool,
    pub interactive: bool,
    pub units: Vec<Unit<'a>>,
    pub warnings: Vec<Warning>,
    pub nesting: usize,
}

pub(crate) type CResult<T = ()> = Result<T, SyntaxError>;

pub(crate) fn loc_of(r: Range) -> Location {
    Location {
        lineno: r.lineno as i32,
        end_lineno: r.end_lineno as i32,
        col: r.col_offset as i32,
        end_col: r.end_col_offset as i32,
    }
}

pub(crate) fn err_at(msg: impl Into<String>, r: Range) -> SyntaxError {
    SyntaxError::syntax(msg, r.lineno, r.col_offset, r.end_lineno, r.end_col_offset)
}

fn err_loc(msg: impl Into<String>, l: Location) -> SyntaxError {
    SyntaxError::syntax(
        msg,
        l.lineno.max(0) as u32,
        l.col.max(0) as u32,
        l.end_lineno.max(0) as u32,
        l.end_col.max(0) as u32,
    )
}

impl<'a> Compiler<'a> {
    // ----- unit and block management -------------------------------------------------

    pub fn u(&mut self) -> &mut Unit<'a> {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    pub fn ur(&self) -> &Unit<'a> {
        self.units
            .last()
            .expect("a unit is always open while compiling")
    }

    pub fn ste(&self) -> &symtable::Scope {
        &self.st.scopes[self.ur().scope]
    }

    pub fn new_block(&mut self) -> BlockId {
        let u = self.u();
        u.blocks.push(Block::default());
        u.blocks.len() - 1
    }

    /// Starts emitting into `b` (CPython's `USE_LABEL`).
    pub fn use_block(&mut self, b: BlockId) {
        let u = self.u();
        u.cur = b;
        u.order.push(b);
    }

    pub fn emit_full(&mut self, op: Op, arg: u32, target: BlockId) {
        let u = self.u();
        let loc = u.loc;
        let cur = u.cur;
        u.blocks[cur].instrs.push(Instr {
            op,
            arg,
            target,
            loc,
        });
    }

    pub fn emit(&mut self, op: Opcode) {
        self.emit_full(Op::Real(op), 0, NO_BLOCK)
    }

    pub fn emit_arg(&mut self, op: Opcode, arg: u32) {
        self.emit_full(Op::Real(op), arg, NO_BLOCK)
    }

    pub fn emit_jump(&mut self, op: Opcode, target: BlockId) {
        self.emit_full(Op::Real(op), 0, target)
    }

    pub fn emit_pseudo(&mut self, p: Pseudo, target: BlockId) {
        self.emit_full(Op::Pseudo(p), 0, target)
    }

    /// An unconditional jump, then a fresh (unreachable unless targeted) block, so that
    /// code emitted afterwards does not land in the jump's block.
    pub fn jump(&mut self, target: BlockId) {
        self.emit_pseudo(Pseudo::Jump, target);
    }

    /// CPython's `update_start_location_to_match_attr`: an attribute access that
    /// spans lines is located at its attribute name (for tracebacks' carets).
    pub fn set_attr_loc(&mut self, base: Range, attr_expr: &Expr) {
        let mut loc = loc_of(base);
        if let ExprKind::Attribute { attr, .. } = &attr_expr.node {
            let r = attr_expr.range;
            if loc.lineno != r.end_lineno as i32 {
                loc.lineno = r.end_lineno as i32;
                let len = attr.chars().count() as i32;
                if len <= r.end_col_offset as i32 {
                    loc.col = r.end_col_offset as i32 - len;
                } else {
                    loc.col = -1;
                    loc.end_col = -1;
                }
                loc.end_lineno = loc.end_lineno.max(loc.lineno);
                if loc.lineno == loc.end_lineno {
                    loc.end_col = loc.end_col.max(loc.col);
                }
            }
        }
        self.u().loc = loc;
    }

    pub fn set_loc(&mut self, r: Range) -> Location {
        let old = self.u().loc;
        self.u().loc = loc_of(r);
        old
    }

    pub fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.u();
        let key = const_key(&c);
        if let Some(&i) = u.const_map.get(&key) {
            return i;
        }
        let i = u.consts.len() as u32;
        u.consts.push(CodeConst::Value(c));
        u.const_map.insert(key, i);
        i
    }

    pub fn load_const(&mut self, c: Constant) {
        if let Constant::Int(Int::Small(v)) = c {
            if (0..=255).contains(&v) {
                self.emit_arg(Opcode::LoadSmallInt, v as u32);
                return;
            }
        }
        let i = self.add_const(c);
        self.emit_arg(Opcode::LoadConst, i);
    }

    pub fn load_code(&mut self, code: CodeUnit) {
        let u = self.u();
        let i = u.consts.len() as u32;
        u.consts.push(CodeConst::Code(Arc::new(code)));
        self.emit_arg(Opcode::LoadConst, i);
    }

    pub fn add_name(&mut self, name: &str) -> u32 {
        let m = self.mangle(name);
        self.u().names.add(&m)
    }

    pub fn add_name_raw(&mut self, name: &str) -> u32 {
        self.u().names.add(name)
    }

    pub fn mangle(&self, name: &str) -> String {
        symtable::mangle(self.ur().private.as_deref(), name)
    }

    pub fn warn(&mut self, msg: impl Into<String>, r: Range) {
        self.warnings.push(Warning {
            msg: msg.into(),
            lineno: r.lineno,
            col: r.col_offset,
        });
    }

    pub fn enter_nesting(&mut self, r: Range) -> CResult {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(err_at(
                "maximum recursion depth exceeded during compilation",
                r,
            ));
        }
        Ok(())
    }

    pub fn leave_nesting(&mut self) {
        self.nesting -= 1;
    }

    /// Opens a new unit for the scope at `key`.
    pub fn enter_scope(
        &mut self,
        name: &str,
        kind: UnitKind,
        key: ScopeKey,
        lineno: u32,
    ) -> CResult {
        let Some(scope) = self.st.lookup(key) else {
            return Err(SyntaxError::syntax(
                format!("internal compiler error: no symbol table for {name}"),
                lineno,
                0,
                0,
                0,
            ));
        };
        self.enter_scope_id(name, kind, scope, lineno)
    }

    pub fn enter_scope_id(
        &mut self,
        name: &str,
        kind: UnitKind,
        scope: ScopeId,
        lineno: u32,
    ) -> CResult {
        if self.units.len() > MAX_NESTING / 2 {
            return Err(SyntaxError::syntax(
                "maximum recursion depth exceeded during compilation",
                lineno,
                0,
                0,
                0,
            ));
        }
        let ste = &self.st.scopes[scope];
        let mut varnames = NameList::default();
        for v in &ste.varnames {
            if ste.kind == ScopeKind::Annotation && &**v == ".format" {
                varnames.add("format");
            } else {
                varnames.add(v);
            }
        }
        let mut cells: Vec<&str> = ste
            .symbols
            .iter()
            .filter(|(_, f, s)| *s == SymbolScope::Cell || f & symtable::def::COMP_CELL != 0)
            .map(|(n, _, _)| &**n)
            .collect();
        cells.sort_unstable();
        let mut cellvars = NameList::default();
        for c in cells {
            cellvars.add(c);
        }
        if ste.kind == ScopeKind::Class {
            if ste.needs_class_closure {
                cellvars.add("__class__");
            }
            if ste.needs_classdict {
                cellvars.add("__classdict__");
            }
            if ste.has_conditional_annotations {
                cellvars.add("__conditional_annotations__");
            }
        }
        let mut frees: Vec<&str> = ste
            .symbols
            .iter()
            .filter(|(_, f, s)| *s == SymbolScope::Free || f & symtable::def::FREE_CLASS != 0)
            .map(|(n, _, _)| &**n)
            .collect();
        frees.sort_unstable();
        let mut freevars = NameList::default();
        for f in frees {
            // A class may have `__class__` both as its own cell (for its methods) and
            // as a free variable (from an enclosing class): two slots, as CPython.
            freevars.add(f);
        }
        let private = match kind {
            UnitKind::Class => Some(name.into()),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        let mut u = Unit {
            scope,
            kind,
            name: name.into(),
            qualname: String::new(),
            consts: Vec::new(),
            const_map: HashMap::new(),
            names: NameList::default(),
            varnames,
            cellvars,
            freevars,
            fasthidden: HashMap::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            blocks: vec![Block::default()],
            order: vec![0],
            cur: 0,
            fblocks: Vec::new(),
            firstlineno: lineno,
            private,
            static_attributes: if kind == UnitKind::Class {
                Some(Vec::new())
            } else {
                None
            },
            in_inlined_comp: 0,
            // RESUME and other entry code: the def line, columns 0..0 (as CPython).
            loc: Location {
                lineno: lineno as i32,
                end_lineno: lineno as i32,
                col: 0,
                end_col: 0,
            },
            extra_flags: 0,
            deferred_annotations: Vec::new(),
            annotation_index: HashMap::new(),
        };
        u.qualname = self.qualname_for(&u);
        self.units.push(u);
        if kind == UnitKind::Module {
            self.u().loc = Location {
                lineno: 0,
                end_lineno: 0,
                col: -1,
                end_col: -1,
            };
        }
        self.emit_arg(Opcode::Resume, 0);
        Ok(())
    }

    fn qualname_for(&self, u: &Unit) -> String {
        let n = self.units.len();
        if n <= 1 {
            return u.name.to_string();
        }
        let mut parent = &self.units[n - 1];
        if parent.kind == UnitKind::Annotations {
            if n == 2 {
                return u.name.to_string();
            }
            parent = &self.units[n - 2];
        }
        let mut force_global = false;
        if matches!(
            u.kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
        ) {
            let mangled = symtable::mangle(parent.private.as_deref(), &u.name);
            if self.st.scopes[parent.scope].scope_of(&mangled) == Some(SymbolScope::GlobalExplicit)
            {
                force_global = true;
            }
        }
        if force_global || parent.kind == UnitKind::Module {
            return u.name.to_string();
        }
        let base = if matches!(
            parent.kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
        ) {
            format!("{}.<locals>", parent.qualname)
        } else {
            parent.qualname.clone()
        };
        format!("{base}.{}", u.name)
    }

    /// Closes the current unit and assembles it.
    pub fn exit_scope(&mut self) -> CResult<CodeUnit> {
        let u = self.units.pop().expect("exit_scope without a unit");
        let flags = self.code_flags(&u);
        assemble::assemble(u, flags, &self.st, &self.filename)
    }

    fn code_flags(&self, u: &Unit) -> u32 {
        use crate::code::flags::*;
        let ste = &self.st.scopes[u.scope];
        let mut flags = u.extra_flags;
        if ste.is_function_like() {
            flags |= NEWLOCALS | OPTIMIZED;
            if ste.nested {
                flags |= NESTED;
            }
            if ste.generator && !ste.coroutine {
                flags |= GENERATOR;
            }
            if ste.generator && ste.coroutine {
                flags |= ASYNC_GENERATOR;
            }
            if ste.varargs {
                flags |= VARARGS;
            }
            if ste.varkeywords {
                flags |= VARKEYWORDS;
            }
            if ste.method && u.kind != UnitKind::Annotations {
                flags |= METHOD;
            }
        }
        if ste.coroutine && !ste.generator {
            flags |= COROUTINE;
        }
        if self.future_annotations {
            flags |= FUTURE_ANNOTATIONS;
        }
        flags
    }

    // ----- names --------------------------------------------------------------------

    /// Emits a load/store/delete of `name` (CPython's `codegen_nameop`).
    pub fn nameop(&mut self, name: &str, ctx: ExprContext) -> CResult {
        let mangled = self.mangle(name);
        let ste = self.ste();
        let scope = ste.scope_of(&mangled);
        let fnlike = ste.is_function_like();
        let is_class = ste.kind == ScopeKind::Class;
        let can_see_class = ste.can_see_class_scope;
        let in_inlined = self.ur().in_inlined_comp > 0;
        enum OpType {
            Fast,
            Deref(u32),
            Global,
            Name,
        }
        let optype = match scope {
            Some(SymbolScope::Free) => {
                let i = self.ur().freevars.get(&mangled).map(|i| i | FREE_TAG);
                let i = i.or_else(|| self.ur().cellvars.get(&mangled).map(|i| i | CELL_TAG));
                OpType::Deref(i.unwrap_or(FREE_TAG))
            }
            Some(SymbolScope::Cell) => {
                let i = self.ur().cellvars.get(&mangled).map(|i| i | CELL_TAG);
                OpType::Deref(i.unwrap_or(CELL_TAG))
            }
            Some(SymbolScope::Local) => {
                if fnlike || self.ur().fasthidden.get(mangled.as_str()) == Some(&true) {
                    OpType::Fast
                } else {
                    OpType::Name
                }
            }
            Some(SymbolScope::GlobalImplicit) => {
                if fnlike {
                    OpType::Global
                } else {
                    OpType::Name
                }
            }
            Some(SymbolScope::GlobalExplicit) => OpType::Global,
            _ => OpType::Name,
        };
        match optype {
            OpType::Deref(idx) => match ctx {
                ExprContext::Load => {
                    if is_class && !in_inlined {
                        self.emit(Opcode::LoadLocals);
                        self.emit_arg(Opcode::LoadFromDictOrDeref, idx);
                    } else if can_see_class {
                        self.load_classdict();
                        self.emit_arg(Opcode::LoadFromDictOrDeref, idx);
                    } else {
                        self.emit_arg(Opcode::LoadDeref, idx);
                    }
                }
                ExprContext::Store => self.emit_arg(Opcode::StoreDeref, idx),
                ExprContext::Del => self.emit_arg(Opcode::DeleteDeref, idx),
            },
            OpType::Fast => {
                let i = self.u().varnames.add(&mangled);
                let op = match ctx {
                    ExprContext::Load => Opcode::LoadFast,
                    ExprContext::Store => Opcode::StoreFast,
                    ExprContext::Del => Opcode::DeleteFast,
                };
                self.emit_arg(op, i);
            }
            OpType::Global => {
                let i = self.u().names.add(&mangled);
                match ctx {
                    ExprContext::Load => {
                        if can_see_class && scope == Some(SymbolScope::GlobalImplicit) {
                            self.load_classdict();
                            self.emit_arg(Opcode::LoadFromDictOrGlobals, i);
                        } else {
                            self.emit_arg(Opcode::LoadGlobal, i << 1);
                        }
                    }
                    ExprContext::Store => self.emit_arg(Opcode::StoreGlobal, i),
                    ExprContext::Del => self.emit_arg(Opcode::DeleteGlobal, i),
                }
            }
            OpType::Name => {
                let i = self.u().names.add(&mangled);
                match ctx {
                    ExprContext::Load => {
                        if is_class && in_inlined {
                            self.emit_arg(Opcode::LoadGlobal, i << 1);
                        } else {
                            self.emit_arg(Opcode::LoadName, i);
                        }
                    }
                    ExprContext::Store => self.emit_arg(Opcode::StoreName, i),
                    ExprContext::Del => self.emit_arg(Opcode::DeleteName, i),
                }
            }
        }
        Ok(())
    }

    fn load_classdict(&mut self) {
        let idx = self
            .ur()
            .freevars
            .get("__classdict__")
            .map(|i| i | FREE_TAG)
            .or_else(|| {
                self.ur()
                    .cellvars
                    .get("__classdict__")
                    .map(|i| i | CELL_TAG)
            })
            .unwrap_or(FREE_TAG);
        self.emit_arg(Opcode::LoadDeref, idx);
    }

    /// The localsplus reference (tagged) of a cell/free variable `name` of the current
    /// unit, for building a closure (CPython's `LOAD_CLOSURE`).
    fn closure_ref(&self, name: &str) -> Option<u32> {
        let u = self.ur();
        let is_class_special = u.kind == UnitKind::Class
            && matches!(
                name,
                "__class__" | "__classdict__" | "__conditional_annotations__"
            );
        if is_class_special {
            return u.cellvars.get(name).map(|i| i | CELL_TAG);
        }
        match self.ste().scope_of(name) {
            Some(SymbolScope::Cell) => u.cellvars.get(name).map(|i| i | CELL_TAG),
            _ => u
                .freevars
                .get(name)
                .map(|i| i | FREE_TAG)
                .or_else(|| u.cellvars.get(name).map(|i| i | CELL_TAG)),
        }
    }

    /// Pushes a function made from `code` (with closure), then sets the attributes
    /// in `flags` from values already on the stack (defaults, kwdefaults, annotate).
    pub fn make_closure(&mut self, code: CodeUnit, flags: u32) -> CResult {
        let mut flags = flags;
        let frees: Vec<Box<str>> = code.freevars().iter().map(|s| (*s).into()).collect();
        if !frees.is_empty() {
            for f in &frees {
                let Some(r) = self.closure_ref(f) else {
                    return Err(SyntaxError::syntax(
                        format!(
                            "internal compiler error: no cell for free variable '{f}' of {}",
                            code.qualname
                        ),
                        code.firstlineno,
                        0,
                        0,
                        0,
                    ));
                };
                self.emit_arg(Opcode::LoadFast, r);
            }
            self.emit_arg(Opcode::BuildTuple, frees.len() as u32);
            flags |= crate::opcode::FunctionAttr::Closure as u32;
        }
        self.load_code(code);
        self.emit(Opcode::MakeFunction);
        for bit in [0x08u32, 0x04, 0x10, 0x02, 0x01] {
            if flags & bit != 0 {
                self.emit_arg(Opcode::SetFunctionAttribute, bit);
            }
        }
        Ok(())
    }

    // ----- frame blocks ---------------------------------------------------------------

    pub fn push_fblock(&mut self, kind: FBlockKind, block: BlockId, exit: BlockId) -> CResult {
        if self.ur().fblocks.len() >= MAX_BLOCKS {
            let l = self.ur().loc;
            return Err(err_loc("too many statically nested blocks", l));
        }
        let loc = self.ur().loc;
        self.u().fblocks.push(FBlock {
            kind,
            block,
            exit,
            final_body: None,
            name: None,
            loc,
        });
        Ok(())
    }

    pub fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    /// Emits the unwinding of one frame block (for break/continue/return).
    fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match fb.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator
            | FBlockKind::StopIteration => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.emit_arg(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopIter);
            }
            FBlockKind::TryExcept => self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK),
            FBlockKind::FinallyTry => {
                self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, NO_BLOCK, NO_BLOCK)?;
                }
                if let Some(body) = fb.final_body {
                    self.stmts(body)?;
                }
                if preserve_tos {
                    self.pop_fblock();
                }
                // The finally body appears to run after the statement that unwinds:
                // what follows is artificial (no line of its own).
                self.u().loc = Location::NONE;
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit_arg(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopTop);
                if preserve_tos {
                    self.emit_arg(Opcode::Swap, 2);
                }
                self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
                self.emit(Opcode::PopExcept);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                self.u().loc = fb.loc;
                self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
                if preserve_tos {
                    self.emit_arg(Opcode::Swap, 3);
                    self.emit_arg(Opcode::Swap, 2);
                }
                self.call_exit_with_nones();
                if fb.kind == FBlockKind::AsyncWith {
                    self.emit_arg(Opcode::GetAwaitable, 2);
                    self.load_const(Constant::None);
                    self.yield_from(true);
                }
                self.emit(Opcode::PopTop);
                self.u().loc = Location::NONE;
            }
            FBlockKind::HandlerCleanup => {
                if fb.name.is_some() {
                    self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
                }
                if preserve_tos {
                    self.emit_arg(Opcode::Swap, 2);
                }
                self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
                self.emit(Opcode::PopExcept);
                if let Some(n) = fb.name {
                    self.load_const(Constant::None);
                    self.nameop(n, ExprContext::Store)?;
                    self.nameop(n, ExprContext::Del)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit_arg(Opcode::Swap, 2);
                }
                self.emit(Opcode::PopTop);
            }
        }
        Ok(())
    }

    /// Unwinds frame blocks down to (not including) the innermost loop if `want_loop`,
    /// returning that loop; otherwise unwinds all of them.
    pub fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: bool,
        r: Range,
    ) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.ur().fblocks.last().cloned() else {
            return Ok(None);
        };
        if top.kind == FBlockKind::ExceptionGroupHandler {
            return Err(err_at(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                r,
            ));
        }
        if want_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        let res = self
            .unwind_fblock(&top, preserve_tos)
            .and_then(|_| self.unwind_fblock_stack(preserve_tos, want_loop, r));
        self.u().fblocks.push(top);
        res
    }

    pub fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit_arg(Opcode::Call, 3);
    }

    /// `yield from`/`await` loop over the receiver on the stack (CPython's
    /// `ADD_YIELD_FROM`): `(receiver, value -- result)`.
    pub fn yield_from(&mut self, is_await: bool) {
        let send = self.new_block();
        let fail = self.new_block();
        let exit = self.new_block();
        self.use_block(send);
        self.emit_jump(Opcode::Send, exit);
        // Protect the yield so that a throw() into the generator cleans up.
        self.emit_pseudo(Pseudo::SetupFinally, fail);
        self.emit_arg(Opcode::YieldValue, 1);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.emit_arg(
            Opcode::Resume,
            if is_await {
                crate::opcode::RESUME_AFTER_AWAIT
            } else {
                crate::opcode::RESUME_AFTER_YIELD_FROM
            },
        );
        self.emit_pseudo(Pseudo::JumpNoInterrupt, send);
        self.use_block(fail);
        self.emit(Opcode::CleanupThrow);
        self.use_block(exit);
        self.emit(Opcode::EndSend);
    }

    // ----- entry ----------------------------------------------------------------------

    fn compile_mod(&mut self, m: &'a Mod, mode: Mode) -> CResult<CodeUnit> {
        let key = symtable::key_of(m, symtable::tag::MAIN);
        self.enter_scope("<module>", UnitKind::Module, key, 1)?;
        match m {
            Mod::Module { body, .. } => {
                self.module_body(body)?;
                self.u().loc = Location::NONE;
                self.load_const(Constant::None);
                self.emit(Opcode::ReturnValue);
            }
            Mod::Interactive { body } => {
                self.interactive = true;
                if self.future_annotations && self.ste().annotations_used {
                    self.emit(Opcode::SetupAnnotations);
                }
                self.stmts(body)?;
                self.u().loc = Location::NONE;
                self.load_const(Constant::None);
                self.emit(Opcode::ReturnValue);
            }
            Mod::Expression { body } => {
                self.expr(body)?;
                self.emit(Opcode::ReturnValue);
            }
            Mod::FunctionType { .. } => {
                return Err(SyntaxError::syntax(
                    "compile() of func_type input is not supported",
                    1,
                    0,
                    0,
                    0,
                ))
            }
        }
        let _ = mode;
        self.exit_scope()
    }
}

#[cfg(test)]
mod tests;
