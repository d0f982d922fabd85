//! Second pass of the symbol table: resolves every name to its scope (CPython's
//! `analyze_block`, `analyze_name`, `inline_comprehension`, `update_symbols`).
//!
//! Each block passes down the names it binds (`bound`) and the explicit globals;
//! children report their free variables back up, which turns the binding local into
//! a cell. Class blocks are transparent for their children, except for the implicit
//! `__class__`, `__classdict__` and `__conditional_annotations__` cells.

use std::collections::{HashMap, HashSet};

use super::*;

type NameSet = HashSet<Box<str>>;

pub(super) fn analyze(st: &mut SymbolTable) -> Result<(), SyntaxError> {
    let mut free = NameSet::new();
    let mut global = NameSet::new();
    let mut type_params = NameSet::new();
    analyze_block(st, 0, None, &mut free, &mut global, &mut type_params, None)
}

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    ste: &Scope,
    scopes: &mut HashMap<Box<str>, SymbolScope>,
    name: &str,
    flags: u32,
    mut bound: Option<&mut NameSet>,
    local: &mut NameSet,
    free: &mut NameSet,
    global: &mut NameSet,
    type_params: &mut NameSet,
    class_entry: Option<&Scope>,
) -> Result<(), SyntaxError> {
    let at = |ste: &Scope| ste.directives.get(name).copied().unwrap_or_default();
    if flags & def::GLOBAL != 0 {
        if flags & def::NONLOCAL != 0 {
            return Err(err(
                format!("name '{name}' is nonlocal and global"),
                at(ste),
            ));
        }
        scopes.insert(name.into(), SymbolScope::GlobalExplicit);
        global.insert(name.into());
        if let Some(b) = bound.as_deref_mut() {
            b.remove(name);
        }
        return Ok(());
    }
    if flags & def::NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(err(
                "nonlocal declaration not allowed at module level",
                at(ste),
            ));
        };
        if !bound.contains(name) {
            return Err(err(
                format!("no binding for nonlocal '{name}' found"),
                at(ste),
            ));
        }
        if type_params.contains(name) {
            return Err(err(
                format!("nonlocal binding not allowed for type parameter '{name}'"),
                at(ste),
            ));
        }
        scopes.insert(name.into(), SymbolScope::Free);
        free.insert(name.into());
        return Ok(());
    }
    if flags & def::BOUND != 0 {
        scopes.insert(name.into(), SymbolScope::Local);
        local.insert(name.into());
        global.remove(name);
        if flags & def::TYPE_PARAM != 0 {
            type_params.insert(name.into());
        } else {
            type_params.remove(name);
        }
        return Ok(());
    }
    if let Some(ce) = class_entry {
        let cf = ce.flags(name);
        if cf & def::GLOBAL != 0 {
            scopes.insert(name.into(), SymbolScope::GlobalExplicit);
            return Ok(());
        } else if cf & def::BOUND != 0 && cf & def::NONLOCAL == 0 {
            scopes.insert(name.into(), SymbolScope::GlobalImplicit);
            return Ok(());
        }
    }
    if bound.is_some_and(|b| b.contains(name)) {
        scopes.insert(name.into(), SymbolScope::Free);
        free.insert(name.into());
        return Ok(());
    }
    scopes.insert(name.into(), SymbolScope::GlobalImplicit);
    Ok(())
}

fn is_free_in_any_child(st: &SymbolTable, id: ScopeId, name: &str) -> bool {
    st.scopes[id].children.iter().any(|&c| {
        st.scopes[c]
            .scope_of(name)
            .is_some_and(|s| s == SymbolScope::Free)
    })
}

fn analyze_block(
    st: &mut SymbolTable,
    id: ScopeId,
    mut bound: Option<&mut NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
    type_params: &mut NameSet,
    class_entry: Option<ScopeId>,
) -> Result<(), SyntaxError> {
    let mut local = NameSet::new();
    let mut scopes: HashMap<Box<str>, SymbolScope> = HashMap::new();
    let mut newglobal = NameSet::new();
    let mut newfree = NameSet::new();
    let mut newbound = NameSet::new();
    let mut inlined_cells = NameSet::new();
    let kind = st.scopes[id].kind;

    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
    }
    {
        let ste = &st.scopes[id];
        let ce = class_entry.map(|c| &st.scopes[c]);
        for (name, flags, _) in &ste.symbols {
            analyze_name(
                ste,
                &mut scopes,
                name,
                *flags,
                bound.as_deref_mut(),
                &mut local,
                free,
                global,
                type_params,
                ce,
            )?;
        }
    }
    if kind != ScopeKind::Class {
        if st.scopes[id].is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".into());
        newbound.insert("__classdict__".into());
        newbound.insert("__conditional_annotations__".into());
    }

    let children = st.scopes[id].children.clone();
    for &child in &children {
        let c = &st.scopes[child];
        let inline_comp = c.comprehension != ComprehensionKind::None
            && !c.generator
            && !st.scopes[id].can_see_class_scope;
        let new_class_entry = if c.can_see_class_scope {
            if kind == ScopeKind::Class {
                Some(id)
            } else {
                class_entry
            }
        } else {
            None
        };
        let mut child_free = NameSet::new();
        let mut tb = newbound.clone();
        let mut tg = newglobal.clone();
        let mut ttp = type_params.clone();
        analyze_block(
            st,
            child,
            Some(&mut tb),
            &mut child_free,
            &mut tg,
            &mut ttp,
            new_class_entry,
        )?;
        if inline_comp {
            inline_comprehension(
                st,
                id,
                child,
                &mut scopes,
                &mut child_free,
                &mut inlined_cells,
            );
            st.scopes[child].comp_inlined = true;
        }
        newfree.extend(child_free);
    }

    // Splice children of inlined comprehensions into our children list.
    let mut spliced = Vec::new();
    for &c in &st.scopes[id].children {
        if st.scopes[c].comp_inlined {
            spliced.extend(st.scopes[c].children.iter().copied());
        } else {
            spliced.push(c);
        }
    }
    // Inlined comprehensions' grandchildren may themselves be inlined comprehensions
    // already spliced at their level, so one pass suffices.
    st.scopes[id].children = spliced;

    let is_fn = st.scopes[id].is_function_like();
    if is_fn {
        for (name, sc) in scopes.iter_mut() {
            if *sc != SymbolScope::Local {
                continue;
            }
            if !newfree.contains(name) && !inlined_cells.contains(name) {
                continue;
            }
            *sc = SymbolScope::Cell;
            newfree.remove(name);
        }
    } else if kind == ScopeKind::Class {
        if newfree.remove("__class__") {
            st.scopes[id].needs_class_closure = true;
        }
        if newfree.remove("__classdict__") {
            st.scopes[id].needs_classdict = true;
        }
        if newfree.remove("__conditional_annotations__") {
            st.scopes[id].has_conditional_annotations = true;
        }
    }

    let classflag = kind == ScopeKind::Class || st.scopes[id].can_see_class_scope;
    let ste = &mut st.scopes[id];
    for (name, flags, sc) in ste.symbols.iter_mut() {
        if inlined_cells.contains(name) {
            *flags |= def::COMP_CELL;
        }
        *sc = scopes.get(name).copied().unwrap_or(SymbolScope::Unknown);
    }
    for name in &newfree {
        if let Some(&i) = ste.index.get(name) {
            if classflag {
                ste.symbols[i].1 |= def::FREE_CLASS;
            }
            continue;
        }
        match bound.as_deref() {
            Some(b) if b.contains(name) => {}
            _ => continue,
        }
        ste.set_flags(name, 0);
        let i = ste.index[name];
        ste.symbols[i].2 = SymbolScope::Free;
    }
    free.extend(newfree);
    Ok(())
}

fn inline_comprehension(
    st: &mut SymbolTable,
    id: ScopeId,
    comp: ScopeId,
    scopes: &mut HashMap<Box<str>, SymbolScope>,
    comp_free: &mut NameSet,
    inlined_cells: &mut NameSet,
) {
    let mut remove_dunder: Vec<Box<str>> = Vec::new();
    let syms = st.scopes[comp].symbols.clone();
    let kind = st.scopes[id].kind;
    for (k, comp_flags, mut scope) in syms {
        if comp_flags & def::PARAM != 0 {
            continue;
        }
        if scope == SymbolScope::Cell || comp_flags & def::COMP_CELL != 0 {
            inlined_cells.insert(k.clone());
        }
        let existing = st.scopes[id].index.contains_key(&k);
        if scope == SymbolScope::Free
            && kind == ScopeKind::Class
            && matches!(
                &*k,
                "__class__" | "__classdict__" | "__conditional_annotations__"
            )
        {
            // Free in the comprehension but unbound in the class: marking it free
            // in the class would break drop_class_free.
            scope = SymbolScope::GlobalImplicit;
            remove_dunder.push(k.clone());
            if !is_free_in_any_child(st, comp, &k) {
                comp_free.remove(&k);
            }
        }
        if !existing {
            st.scopes[id].set_flags(&k, comp_flags);
            scopes.insert(k.clone(), scope);
        } else {
            let flags = st.scopes[id].flags(&k);
            if flags & def::BOUND != 0
                && kind != ScopeKind::Class
                && !is_free_in_any_child(st, comp, &k)
            {
                comp_free.remove(&k);
            }
        }
    }
    for k in remove_dunder {
        st.scopes[comp].remove(&k);
    }
}
