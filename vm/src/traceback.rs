//! Printing an uncaught exception exactly as CPython 3.14's `traceback` module does: the
//! chain of causes and contexts, one entry per frame with its source line and the `~~~^^^`
//! position markers, `SyntaxError`'s special layout, notes, and "Did you mean" suggestions.
//!
//! Source lines come from the runtime's registry of compiled sources (`-c`, stdin) or the file.

use crate::objects::exceptions::{PyBaseException, PyTraceback};
use crate::objects::str::str_lossy;
use crate::protocols;
use crate::runtime::types;
use crate::thread_state::ThreadState;
use crate::value::Value;
use frontend::ast::{ExprKind, Mod, StmtKind};

/// The text `sys.excepthook` would print for `exc`.
pub fn format_exception(ts: &ThreadState, exc: &Value) -> String {
    let mut out = String::new();
    let mut seen: Vec<usize> = Vec::new();
    format_chain(ts, exc, &mut out, &mut seen, 0);
    out
}

fn format_chain(
    ts: &ThreadState,
    exc: &Value,
    out: &mut String,
    seen: &mut Vec<usize>,
    depth: usize,
) {
    seen.push(exc.identity());
    let Some(e) = exc.downcast::<PyBaseException>() else {
        out.push_str(&format!("{}\n", exc.class().name()));
        return;
    };
    if depth < 100 {
        if let Some(c) = e.cause() {
            if !seen.contains(&c.identity()) {
                format_chain(ts, &c, out, seen, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            }
        } else if let Some(c) = e.context() {
            if !e.suppress_context() && !seen.contains(&c.identity()) {
                format_chain(ts, &c, out, seen, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
    }
    if let Some(tb) = e.traceback() {
        out.push_str("Traceback (most recent call last):\n");
        format_tb(ts, &tb, out);
    }
    format_exception_only(ts, exc, out);
}

fn format_tb(ts: &ThreadState, tb: &Value, out: &mut String) {
    let mut cur = Some(tb.clone());
    let mut last: Option<(String, i32, String)> = None;
    let mut repeat = 0usize;
    while let Some(t) = cur {
        let Some(tbo) = t.downcast::<PyTraceback>() else {
            break;
        };
        let entry = format_entry(ts, tbo);
        let key = entry.0.clone();
        if let Some((k, _, _)) = &last {
            if *k == key {
                repeat += 1;
                if repeat >= 3 {
                    cur = tbo.next.lock().ok().and_then(|g| g.clone());
                    continue;
                }
            } else {
                flush_repeat(out, repeat);
                repeat = 0;
            }
        }
        out.push_str(&entry.1);
        last = Some((key, tbo.lineno, String::new()));
        cur = tbo.next.lock().ok().and_then(|g| g.clone());
    }
    flush_repeat(out, repeat);
}

fn flush_repeat(out: &mut String, repeat: usize) {
    if repeat >= 3 {
        let n = repeat - 2;
        out.push_str(&format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n > 1 { "s" } else { "" }
        ));
    }
}

/// `(identity key, text)` of one traceback entry.
fn format_entry(ts: &ThreadState, tb: &PyTraceback) -> (String, String) {
    let fr = tb
        .frame
        .downcast::<crate::objects::exceptions::PyFrameObj>();
    let code = fr.and_then(|f| f.code.downcast::<crate::objects::code::PyCode>());
    let (filename, name) = match code {
        Some(c) => (c.unit.filename.to_string(), c.unit.name.to_string()),
        None => ("<unknown>".into(), "?".into()),
    };
    let mut s = format!("  File \"{filename}\", line {}, in {name}\n", tb.lineno);
    let key = s.clone();
    if let (Some(c), true) = (code, tb.lineno > 0) {
        let loc = c.unit.location(tb.lasti);
        if let Some(line) = source_line(ts, &filename, tb.lineno as usize) {
            s.push_str(&format_source(&line, loc));
        }
    }
    (key, s)
}

fn format_source(line: &str, loc: frontend::code::Location) -> String {
    let stripped = line.trim();
    if stripped.is_empty() {
        return String::new();
    }
    let mut s = format!("    {stripped}\n");
    if loc.lineno != loc.end_lineno || loc.col < 0 || loc.end_col < 0 {
        return s;
    }
    let indent_bytes = line.len() - line.trim_start().len();
    let (Some(start_b), Some(end_b)) = (
        (loc.col as usize).checked_sub(indent_bytes),
        (loc.end_col as usize).checked_sub(indent_bytes),
    ) else {
        return s;
    };
    let body = line.trim_start();
    if end_b > body.len()
        || start_b > end_b
        || !body.is_char_boundary(start_b)
        || !body.is_char_boundary(end_b)
    {
        return s;
    }
    let start = body[..start_b].chars().count();
    let end = body[..end_b].chars().count();
    let segment = &body[start_b..end_b];
    let anchors = anchors_of(segment);
    if !should_show_carets(stripped, start, end, anchors.is_some()) {
        return s;
    }
    let mut carets = " ".repeat(4 + start);
    let seg_len = end.saturating_sub(start);
    match anchors {
        Some((l, r)) => {
            for i in 0..seg_len {
                carets.push(if i >= l && i < r { '^' } else { '~' });
            }
        }
        None => carets.push_str(&"^".repeat(seg_len.max(1))),
    }
    s.push_str(carets.trim_end());
    s.push('\n');
    s
}

/// CPython's `_should_show_carets`.
fn should_show_carets(line: &str, start: usize, end: usize, has_anchors: bool) -> bool {
    if let Ok((Mod::Module { body, .. }, _)) = frontend::parser::parse(line, frontend::Mode::Exec) {
        if let Some(st) = body.first() {
            let value = match &st.node {
                StmtKind::Return { value: Some(v) } => match &v.node {
                    ExprKind::Call { func, .. } if matches!(func.node, ExprKind::Name { .. }) => {
                        Some(v)
                    }
                    _ => None,
                },
                StmtKind::Assign { targets, value, .. }
                    if targets.len() == 1 && matches!(targets[0].node, ExprKind::Name { .. }) =>
                {
                    match &value.node {
                        ExprKind::Call { .. } => Some(value),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(v) = value {
                let cs = line[..(v.range.col_offset as usize).min(line.len())]
                    .chars()
                    .count();
                let ce = line[..(v.range.end_col_offset as usize).min(line.len())]
                    .chars()
                    .count();
                if v.range.lineno == 1 && v.range.end_lineno == 1 && cs == start && ce == end {
                    return false;
                }
            }
        }
    }
    if has_anchors {
        return true;
    }
    let chars: Vec<char> = line.chars().collect();
    let before: String = chars[..start.min(chars.len())].iter().collect();
    let after: String = chars[end.min(chars.len())..].iter().collect();
    !before.trim_start().is_empty() || !after.trim_end().is_empty()
}

/// Anchors (char offsets within the segment) for BinOp / Subscript / Call segments.
fn anchors_of(segment: &str) -> Option<(usize, usize)> {
    let src = format!("(\n{segment}\n)");
    let (m, _) = frontend::parser::parse(&src, frontend::Mode::Exec).ok()?;
    let Mod::Module { body, .. } = m else {
        return None;
    };
    if body.len() != 1 {
        return None;
    }
    let StmtKind::Expr { value } = &body[0].node else {
        return None;
    };
    let lines: Vec<&str> = segment.split('\n').collect();
    if lines.len() != 1 {
        return None;
    }
    let seg = lines[0];
    let to_chars = |b: usize| seg[..b.min(seg.len())].chars().count();
    // Positions: line 2 of `src` is the segment.
    let end_of = |e: &frontend::ast::Expr| -> Option<usize> {
        if e.range.end_lineno != 2 {
            return None;
        }
        Some(e.range.end_col_offset as usize)
    };
    let bytes = seg.as_bytes();
    match &value.node {
        ExprKind::BinOp { left, right, .. } => {
            let mut col = end_of(left)?;
            while col < bytes.len() && (bytes[col].is_ascii_whitespace() || bytes[col] == b')') {
                col += 1;
            }
            let mut right_col = col + 1;
            if right_col < bytes.len()
                && (right.range.lineno > 2 || right_col < right.range.col_offset as usize)
                && !bytes[right_col].is_ascii_whitespace()
                && bytes[right_col] != b'\\'
                && bytes[right_col] != b'#'
            {
                right_col += 1;
            }
            Some((to_chars(col), to_chars(right_col)))
        }
        ExprKind::Subscript { value: v, .. } => {
            let mut col = end_of(v)?;
            while col < bytes.len() && bytes[col] != b'[' {
                col += 1;
            }
            Some((to_chars(col), to_chars(end_of(value)?)))
        }
        ExprKind::Call { func, .. } => {
            let mut col = end_of(func)?;
            while col < bytes.len() && bytes[col] != b'(' {
                col += 1;
            }
            Some((to_chars(col), to_chars(end_of(value)?)))
        }
        _ => None,
    }
}

/// Line `lineno` (1-based) of `filename`.
pub fn source_line(ts: &ThreadState, filename: &str, lineno: usize) -> Option<String> {
    let text = ts.rt.source_text(filename)?;
    text.lines()
        .nth(lineno.checked_sub(1)?)
        .map(|l| l.to_string())
}

/// The last line(s): `Type: message`, notes, suggestions.
pub fn format_exception_only(ts: &ThreadState, exc: &Value, out: &mut String) {
    let ty = exc.class();
    let qual = str_lossy(&ty.qualname(ts));
    let qual = if ty.is_heap() { qual } else { ty.name() };
    let module = if ty.is_heap() {
        ty.dict()
            .get_item_str(ts, &crate::runtime::names().__module__)
            .map(|m| str_lossy(&m))
    } else {
        None
    };
    let name = match module.as_deref() {
        Some(m) if m != "builtins" && m != "__main__" => format!("{m}.{qual}"),
        _ => qual,
    };
    if exc.is_instance_of(types().exc.syntax_error) {
        format_syntax_error(ts, exc, &name, out);
    } else {
        let msg = match protocols::str(ts, exc) {
            Ok(s) => str_lossy(&s),
            Err(_) => "<exception str() failed>".into(),
        };
        let mut msg = msg;
        if let Some(sugg) = crate::suggestions::suggest(ts, exc) {
            msg.push_str(&sugg);
        }
        if msg.is_empty() {
            out.push_str(&format!("{name}\n"));
        } else {
            out.push_str(&format!("{name}: {msg}\n"));
        }
    }
    // __notes__
    if let Ok(Some(notes)) = protocols::get_attr_opt(ts, exc, &crate::runtime::names().__notes__) {
        if let Ok(items) = protocols::collect(ts, &notes) {
            for n in items {
                let s = if n.downcast::<crate::objects::str::PyStr>().is_some() {
                    str_lossy(&n)
                } else {
                    protocols::repr_string(ts, &n).unwrap_or_default()
                };
                out.push_str(&s);
                out.push('\n');
            }
        }
    }
}

fn attr(ts: &ThreadState, v: &Value, n: &str) -> Option<Value> {
    protocols::get_attr_opt(ts, v, &ts.intern(n))
        .ok()
        .flatten()
        .filter(|x| !x.is_none())
}

fn format_syntax_error(ts: &ThreadState, exc: &Value, name: &str, out: &mut String) {
    let filename = attr(ts, exc, "filename").map(|f| str_lossy(&f));
    let lineno = attr(ts, exc, "lineno").and_then(|l| crate::objects::int::as_i64(&l));
    if let (Some(f), Some(l)) = (&filename, lineno) {
        out.push_str(&format!("  File \"{f}\", line {l}\n"));
    }
    if let Some(text) = attr(ts, exc, "text").map(|t| str_lossy(&t)) {
        let line = text.trim_end_matches(['\n', '\r']);
        let stripped = line.trim_start();
        let lead = line.chars().count() - stripped.chars().count();
        out.push_str(&format!("    {}\n", stripped.trim_end()));
        if let Some(off) = attr(ts, exc, "offset").and_then(|o| crate::objects::int::as_i64(&o)) {
            let end = attr(ts, exc, "end_offset").and_then(|o| crate::objects::int::as_i64(&o));
            let endl = attr(ts, exc, "end_lineno").and_then(|o| crate::objects::int::as_i64(&o));
            let start = (off - 1 - lead as i64).max(0) as usize;
            let mut width = match (end, endl) {
                (Some(e), Some(el)) if Some(el) == lineno && e > off => (e - off) as usize,
                _ => 1,
            };
            let avail = stripped.trim_end().chars().count().saturating_sub(start);
            if width > avail.max(1) {
                width = avail.max(1);
            }
            out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
        }
    }
    let msg = attr(ts, exc, "msg")
        .map(|m| str_lossy(&m))
        .unwrap_or_default();
    out.push_str(&format!("{name}: {msg}\n"));
}

impl crate::runtime::Runtime {
    /// Registers the source of a compiled unit (for tracebacks of `-c` / stdin code).
    pub fn register_source(&self, filename: &str, text: &str) {
        if let Ok(mut m) = self.sources.lock() {
            m.insert(filename.to_string(), std::sync::Arc::from(text));
        }
    }

    /// The source text of `filename`.
    pub fn source_text(&self, filename: &str) -> Option<std::sync::Arc<str>> {
        if let Ok(m) = self.sources.lock() {
            if let Some(t) = m.get(filename) {
                return Some(t.clone());
            }
        }
        let bytes = std::fs::read(filename).ok()?;
        let text: std::sync::Arc<str> = match frontend::decode_source(&bytes) {
            Ok(s) => std::sync::Arc::from(s.as_str()),
            Err(_) => std::sync::Arc::from(String::from_utf8_lossy(&bytes).as_ref()),
        };
        if let Ok(mut m) = self.sources.lock() {
            m.insert(filename.to_string(), text.clone());
        }
        Some(text)
    }
}
