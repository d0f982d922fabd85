//! Symbol table tests: scopes and resolution, checked against CPython 3.14's
//! `symtable` module output.

use super::*;
use crate::Mode;

fn table(src: &str) -> SymbolTable {
    let (m, _) = crate::parser::parse(src, Mode::Exec).expect("parses");
    // The AST must outlive the table's keys; leak it in tests.
    let m: &'static Mod = Box::leak(Box::new(m));
    build(m, false).expect("symtable builds")
}

fn find<'a>(st: &'a SymbolTable, name: &str) -> &'a Scope {
    st.scopes
        .iter()
        .find(|s| &*s.name == name)
        .expect("scope exists")
}

#[test]
fn closures_and_cells() {
    let st = table("def f(a):\n    def g(): return a\n    return g\n");
    assert_eq!(find(&st, "f").scope_of("a"), Some(SymbolScope::Cell));
    assert_eq!(find(&st, "g").scope_of("a"), Some(SymbolScope::Free));
}

#[test]
fn comprehension_is_inlined_and_walrus_binds_outside() {
    let st = table("def f(a):\n    y = [w := i for i in a]\n    return (b for b in a)\n");
    let f = find(&st, "f");
    assert_eq!(f.scope_of("w"), Some(SymbolScope::Local));
    assert_eq!(f.scope_of("i"), Some(SymbolScope::Local));
    assert!(find(&st, "listcomp").comp_inlined);
    assert!(!find(&st, "genexpr").comp_inlined);
}

#[test]
fn class_scopes() {
    let st = table("class C:\n    x: int\n    def m(self):\n        return super().m()\n");
    let c = find(&st, "C");
    assert!(c.needs_class_closure);
    assert!(c.needs_classdict);
    assert_eq!(
        find(&st, "m").scope_of("__class__"),
        Some(SymbolScope::Free)
    );
    assert!(find(&st, "m").method);
}

#[test]
fn type_params() {
    let st = table("class C[T](B):\n    def m(self) -> T: pass\ntype X[U] = list[U]\n");
    let tp = st
        .scopes
        .iter()
        .find(|s| s.kind == ScopeKind::TypeParameters && &*s.name == "C")
        .expect("type params scope");
    assert_eq!(tp.scope_of("T"), Some(SymbolScope::Cell));
    assert_eq!(tp.scope_of(".type_params"), Some(SymbolScope::Cell));
}
