//! "Did you mean" suggestions for NameError, AttributeError and ImportError (CPython's
//! `traceback._compute_suggestion_error` and its Levenshtein distance with case-insensitive
//! substitutions costing half).

use crate::objects::exceptions::{PyFrameObj, PyTraceback};
use crate::objects::str::str_lossy;
use crate::protocols;
use crate::runtime::types;
use crate::thread_state::ThreadState;
use crate::value::Value;

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_CANDIDATES: usize = 750;
const MAX_STRING: usize = 40;

fn sub_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &str, b: &str, max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let mut a: Vec<char> = a.chars().collect();
    let mut b: Vec<char> = b.chars().collect();
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a.remove(0);
        b.remove(0);
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a.pop();
        b.pop();
    }
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > MAX_STRING || b.len() > MAX_STRING {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + sub_cost(bc, ac);
            distance = row[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

pub fn best_match(cands: &[String], wrong: &str) -> Option<String> {
    if cands.len() > MAX_CANDIDATES || wrong.chars().count() > MAX_STRING {
        return None;
    }
    let wl = wrong.chars().count();
    let mut best = wl;
    let mut sugg: Option<String> = None;
    for c in cands {
        if c == wrong {
            continue;
        }
        let maxd = ((c.chars().count() + wl + 3) * MOVE_COST / 6).min(best.wrapping_sub(1));
        if best == 0 {
            break;
        }
        let d = levenshtein(wrong, c, maxd);
        if d > maxd {
            continue;
        }
        if sugg.is_none() || d < best {
            sugg = Some(c.clone());
            best = d;
        }
    }
    sugg
}

/// The closest candidate as CPython's C `_Py_CalculateSuggestions` picks it (keyword
/// argument errors): unlike the `traceback` module's version no bound comes from the wrong
/// name's length, so `a2` still suggests `a`.
pub fn best_match_c(cands: &[String], wrong: &str) -> Option<String> {
    if cands.len() > MAX_CANDIDATES || wrong.len() > MAX_STRING {
        return None;
    }
    let mut best = usize::MAX;
    let mut sugg: Option<String> = None;
    for c in cands {
        if c == wrong {
            continue;
        }
        let maxd = ((wrong.len() + c.len() + 3) * MOVE_COST / 6).min(best.saturating_sub(1));
        let d = levenshtein(wrong, c, maxd);
        if d > maxd {
            continue;
        }
        if sugg.is_none() || d < best {
            sugg = Some(c.clone());
            best = d;
        }
    }
    sugg
}

fn last_frame(ts: &ThreadState, exc: &Value) -> Option<Value> {
    let tb = exc
        .downcast::<crate::objects::exceptions::PyBaseException>()?
        .traceback()?;
    let mut cur = tb;
    loop {
        let next = cur.downcast::<PyTraceback>()?.next.lock().ok()?.clone();
        match next {
            Some(n) => cur = n,
            None => break,
        }
    }
    let _ = ts;
    Some(cur.downcast::<PyTraceback>()?.frame.clone())
}

fn keys_of(ts: &ThreadState, d: &Value) -> Vec<String> {
    d.downcast::<crate::objects::dict::PyDict>()
        .map(|dd| {
            dd.keys(ts)
                .iter()
                .filter(|k| k.downcast::<crate::objects::str::PyStr>().is_some())
                .map(str_lossy)
                .collect()
        })
        .unwrap_or_default()
}

fn attr(ts: &ThreadState, v: &Value, n: &str) -> Option<Value> {
    protocols::get_attr_opt(ts, v, &ts.intern(n))
        .ok()
        .flatten()
        .filter(|x| !x.is_none())
}

/// The suffix CPython appends to the message (". Did you mean: 'x'?"), if any.
pub fn suggest(ts: &ThreadState, exc: &Value) -> Option<String> {
    let t = types();
    let cls = exc.class();
    let is_name = cls.is_subtype(t.exc.name_error);
    let is_attr = cls.is_subtype(t.exc.attribute_error);
    let is_import =
        cls.is_subtype(t.exc.import_error) && !cls.is_subtype(t.exc.module_not_found_error);
    if !is_name && !is_attr && !is_import {
        return None;
    }
    let wrong =
        attr(ts, exc, "name").filter(|n| n.downcast::<crate::objects::str::PyStr>().is_some());
    let wrong = str_lossy(&wrong?);
    let cands: Vec<String> = if is_attr {
        let obj = attr(ts, exc, "obj")?;
        let d = crate::builtins::dir_of(ts, &obj).ok()?;
        let mut names: Vec<String> = protocols::collect(ts, &d)
            .ok()?
            .iter()
            .filter(|x| x.downcast::<crate::objects::str::PyStr>().is_some())
            .map(str_lossy)
            .collect();
        names.sort();
        let mut hide = !wrong.starts_with('_');
        if hide {
            if let Some(fr) = last_frame(ts, exc) {
                if let Some(f) = fr.downcast::<PyFrameObj>() {
                    if let Some(l) = &f.locals {
                        if let Some(s) = l
                            .downcast::<crate::objects::dict::PyDict>()
                            .and_then(|d| d.get_str(ts, "self"))
                        {
                            if s.is(&obj) {
                                hide = false;
                            }
                        }
                    }
                }
            }
        }
        if hide {
            names.retain(|x| !x.starts_with('_'));
        }
        names
    } else if is_import {
        let modname = attr(ts, exc, "name_from").or_else(|| attr(ts, exc, "name"))?;
        let _ = modname;
        return None;
    } else {
        let fr = last_frame(ts, exc)?;
        let f = fr.downcast::<PyFrameObj>()?;
        let mut d = Vec::new();
        if let Some(l) = &f.locals {
            d.extend(keys_of(ts, l));
            if let Some(s) = l
                .downcast::<crate::objects::dict::PyDict>()
                .and_then(|dd| dd.get_str(ts, "self"))
            {
                if protocols::get_attr_opt(ts, &s, &ts.intern(&wrong))
                    .ok()
                    .flatten()
                    .is_some()
                {
                    return Some(format!(". Did you mean: 'self.{wrong}'?"));
                }
            }
        }
        d.extend(keys_of(ts, &f.globals));
        d.extend(keys_of(ts, ts.rt.builtins_dict()));
        d
    };
    match best_match(&cands, &wrong) {
        Some(s) => Some(format!(". Did you mean: '{s}'?")),
        None if is_name && crate::import::is_stdlib_module_name(&wrong) => {
            Some(format!(". Did you forget to import '{wrong}'?"))
        }
        None => None,
    }
}
