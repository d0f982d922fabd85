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

mod source;

use source::{format_frame_summary, indent_all, FrameSummary};

/// `traceback`'s limits for exception groups.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
/// Identical consecutive entries shown before "[Previous line repeated N more times]".
const RECURSIVE_CUTOFF: usize = 3;

const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The text `sys.excepthook` would print for `exc` (CPython's
/// `traceback._print_exception_bltin`: `sys.tracebacklimit` keeps the innermost frames).
pub fn format_exception(ts: &ThreadState, exc: &Value) -> String {
    let limit = crate::builtins::sys::sys_attr(ts, "tracebacklimit")
        .and_then(|l| crate::objects::int::as_i64(&l))
        .map(|l| l.max(0) as usize);
    let tree = TbTree::build(ts, exc, limit);
    let mut out = String::new();
    let mut ctx = Ctx::default();
    tree.format(ts, 0, &mut ctx, &mut out);
    out
}

/// One exception ready to print (CPython's `TracebackException`): its frames, final lines, and
/// the nodes of its cause, context and group members.
struct TbNode {
    stack: Vec<FrameSummary>,
    /// `Type: message` (or SyntaxError's block) and the notes, each line ending in "\n".
    exc_only: String,
    suppress_context: bool,
    cause: Option<usize>,
    context: Option<usize>,
    exceptions: Option<Vec<usize>>,
}

/// The nodes of one printout; node 0 is the exception printed.
struct TbTree {
    nodes: Vec<TbNode>,
}

impl TbTree {
    /// Builds the tree breadth-last as CPython does (a work list, not recursion), marking
    /// each exception seen so a cycle of causes/contexts ends.
    fn build(ts: &ThreadState, exc: &Value, limit: Option<usize>) -> TbTree {
        let mut seen = std::collections::HashSet::new();
        let mut tree = TbTree { nodes: Vec::new() };
        let mut values = Vec::new();
        tree.add(ts, exc, limit, &mut seen, &mut values);
        let mut queue = vec![0usize];
        while let Some(i) = queue.pop() {
            let e = values[i].clone();
            let Some(be) = e.downcast::<PyBaseException>() else {
                continue;
            };
            let cause = match be.cause() {
                Some(c) if !seen.contains(&c.identity()) => {
                    Some(tree.add(ts, &c, limit, &mut seen, &mut values))
                }
                _ => None,
            };
            // compact=True: the context is only needed when it will be printed.
            let context = match be.context() {
                Some(c)
                    if cause.is_none()
                        && !be.suppress_context()
                        && !seen.contains(&c.identity()) =>
                {
                    Some(tree.add(ts, &c, limit, &mut seen, &mut values))
                }
                _ => None,
            };
            let exceptions = if e.is_instance_of(types().exc.base_exception_group) {
                let members = crate::objects::exception_group::group_exceptions(&e);
                Some(
                    members
                        .iter()
                        .map(|m| tree.add(ts, m, limit, &mut seen, &mut values))
                        .collect::<Vec<_>>(),
                )
            } else {
                None
            };
            let node = &mut tree.nodes[i];
            node.cause = cause;
            node.context = context;
            queue.extend(cause);
            queue.extend(context);
            if let Some(x) = &exceptions {
                queue.extend(x.iter().copied());
            }
            node.exceptions = exceptions;
        }
        tree
    }

    fn add(
        &mut self,
        ts: &ThreadState,
        exc: &Value,
        limit: Option<usize>,
        seen: &mut std::collections::HashSet<usize>,
        values: &mut Vec<Value>,
    ) -> usize {
        seen.insert(exc.identity());
        let be = exc.downcast::<PyBaseException>();
        let mut stack = extract_stack(be.and_then(|e| e.traceback()));
        if let Some(l) = limit {
            stack.drain(..stack.len().saturating_sub(l));
        }
        let mut exc_only = String::new();
        format_exception_only(ts, exc, &mut exc_only);
        self.nodes.push(TbNode {
            stack,
            exc_only,
            suppress_context: be.is_some_and(|e| e.suppress_context()),
            cause: None,
            context: None,
            exceptions: None,
        });
        values.push(exc.clone());
        self.nodes.len() - 1
    }

    /// `TracebackException.format(chain=True)`.
    fn format(&self, ts: &ThreadState, root: usize, ctx: &mut Ctx, out: &mut String) {
        let mut output: Vec<(Option<&str>, usize)> = Vec::new();
        let mut cur = Some(root);
        while let Some(i) = cur {
            let n = &self.nodes[i];
            let (msg, next) = if let Some(c) = n.cause {
                (Some(CAUSE_MESSAGE), Some(c))
            } else if let (Some(c), false) = (n.context, n.suppress_context) {
                (Some(CONTEXT_MESSAGE), Some(c))
            } else {
                (None, None)
            };
            output.push((msg, i));
            cur = next;
        }
        for (msg, i) in output.into_iter().rev() {
            if let Some(m) = msg {
                ctx.emit(m, '|', out);
            }
            let n = &self.nodes[i];
            match &n.exceptions {
                None => {
                    if !n.stack.is_empty() {
                        ctx.emit("Traceback (most recent call last):\n", '|', out);
                        self.emit_stack(ts, n, ctx, out);
                    }
                    ctx.emit(&n.exc_only, '|', out);
                }
                Some(_) if ctx.depth > MAX_GROUP_DEPTH => {
                    ctx.emit(
                        &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                        '|',
                        out,
                    );
                }
                Some(members) => self.format_group(ts, n, members, ctx, out),
            }
        }
    }

    fn emit_stack(&self, ts: &ThreadState, n: &TbNode, ctx: &Ctx, out: &mut String) {
        for chunk in format_stack(ts, &n.stack) {
            ctx.emit(&chunk, '|', out);
        }
    }

    /// The boxed layout of an exception group and its members.
    fn format_group(
        &self,
        ts: &ThreadState,
        n: &TbNode,
        members: &[usize],
        ctx: &mut Ctx,
        out: &mut String,
    ) {
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        if !n.stack.is_empty() {
            let margin = if toplevel { '+' } else { '|' };
            ctx.emit(
                "Exception Group Traceback (most recent call last):\n",
                margin,
                out,
            );
            self.emit_stack(ts, n, ctx, out);
        }
        ctx.emit(&n.exc_only, '|', out);
        let count = members.len();
        let shown = if count <= MAX_GROUP_WIDTH {
            count
        } else {
            MAX_GROUP_WIDTH + 1
        };
        ctx.need_close = false;
        for i in 0..shown {
            let last = i == shown - 1;
            if last {
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&ctx.indent());
            out.push_str(if i == 0 { "+-" } else { "  " });
            out.push_str(&format!("+---------------- {title} ----------------\n"));
            ctx.depth += 1;
            if !truncated {
                self.format(ts, members[i], ctx, out);
            } else {
                let remaining = count - MAX_GROUP_WIDTH;
                ctx.emit(
                    &format!(
                        "and {remaining} more exception{}\n",
                        if remaining > 1 { "s" } else { "" }
                    ),
                    '|',
                    out,
                );
            }
            if last && ctx.need_close {
                out.push_str(&ctx.indent());
                out.push_str("+------------------------------------\n");
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }
}

/// CPython's `_ExceptionPrintContext`: group nesting depth and the pending closing line.
#[derive(Default)]
struct Ctx {
    depth: usize,
    need_close: bool,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Writes `text` with every line prefixed by the group margin.
    fn emit(&self, text: &str, margin: char, out: &mut String) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        out.push_str(&indent_all(text, &prefix));
    }
}

/// The frames of a traceback, outermost first, with their full positions.
fn extract_stack(tb: Option<Value>) -> Vec<FrameSummary> {
    let mut stack = Vec::new();
    let mut cur = tb;
    while let Some(t) = cur {
        let Some(tbo) = t.downcast::<PyTraceback>() else {
            break;
        };
        let code = tbo
            .frame
            .downcast::<crate::objects::exceptions::PyFrameObj>()
            .and_then(|f| f.code.downcast::<crate::objects::code::PyCode>());
        let (filename, name) = match code {
            Some(c) => (c.unit.filename.to_string(), c.unit.name.to_string()),
            None => ("<unknown>".into(), "?".into()),
        };
        let loc = code
            .map(|c| c.unit.location(tbo.lasti))
            .unwrap_or(frontend::code::Location::NONE);
        let opt = |v: i32| (v >= 0).then_some(v as usize);
        let (lineno, end_lineno) = if loc.lineno > 0 {
            (
                Some(loc.lineno as i64),
                Some(loc.end_lineno.max(loc.lineno) as i64),
            )
        } else {
            (Some(tbo.lineno as i64), Some(tbo.lineno as i64))
        };
        let (colno, end_colno) = if loc.lineno > 0 {
            (opt(loc.col), opt(loc.end_col))
        } else {
            (None, None)
        };
        stack.push(FrameSummary {
            filename,
            lineno,
            end_lineno,
            colno,
            end_colno,
            name,
        });
        cur = tbo.next.lock().ok().and_then(|g| g.clone());
    }
    stack
}

/// `StackSummary.format`: one string per entry, long runs of the same entry folded.
fn format_stack(ts: &ThreadState, stack: &[FrameSummary]) -> Vec<String> {
    let mut result = Vec::new();
    let mut last: Option<(&str, Option<i64>, &str)> = None;
    let mut count = 0usize;
    let repeated = |count: usize| {
        let n = count - RECURSIVE_CUTOFF;
        format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n > 1 { "s" } else { "" }
        )
    };
    for fs in stack {
        let key = (fs.filename.as_str(), fs.lineno, fs.name.as_str());
        if last != Some(key) {
            if count > RECURSIVE_CUTOFF {
                result.push(repeated(count));
            }
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        result.push(format_frame_summary(ts, fs));
    }
    if count > RECURSIVE_CUTOFF {
        result.push(repeated(count));
    }
    result
}

/// Line `lineno` (1-based) of `filename`.
pub fn source_line(ts: &ThreadState, filename: &str, lineno: usize) -> Option<String> {
    let text = ts.rt.source_text(filename)?;
    text.lines()
        .nth(lineno.checked_sub(1)?)
        .map(|l| l.to_string())
}

/// `TracebackException.exc_type_str`: `module.Qualname`, without `builtins.`/`__main__.`.
fn type_name(ts: &ThreadState, exc: &Value) -> String {
    let ty = exc.class();
    let tv = ty.to_value();
    let qual = protocols::get_attr_opt(ts, &tv, &ts.intern("__qualname__"))
        .ok()
        .flatten()
        .filter(|q| q.downcast::<crate::objects::str::PyStr>().is_some())
        .map(|q| str_lossy(&q))
        .unwrap_or_else(|| ty.name());
    let module = protocols::get_attr_opt(ts, &tv, &crate::runtime::names().__module__)
        .ok()
        .flatten();
    match module {
        Some(m) if m.downcast::<crate::objects::str::PyStr>().is_some() => {
            let m = str_lossy(&m);
            if m == "builtins" || m == "__main__" {
                qual
            } else {
                format!("{m}.{qual}")
            }
        }
        _ => format!("<unknown>.{qual}"),
    }
}

/// The last line(s): `Type: message` (or SyntaxError's block), then the notes.
pub fn format_exception_only(ts: &ThreadState, exc: &Value, out: &mut String) {
    let name = type_name(ts, exc);
    if exc.is_instance_of(types().exc.syntax_error) {
        format_syntax_error(ts, exc, &name, out);
    } else {
        let mut msg = match protocols::str(ts, exc) {
            Ok(s) => str_lossy(&s),
            Err(_) => "<exception str() failed>".into(),
        };
        if let Some(sugg) = crate::suggestions::suggest(ts, exc) {
            msg.push_str(&sugg);
        }
        if msg.is_empty() {
            out.push_str(&format!("{name}\n"));
        } else {
            out.push_str(&format!("{name}: {msg}\n"));
        }
    }
    let notes = match protocols::get_attr_opt(ts, exc, &crate::runtime::names().__notes__) {
        Ok(n) => n,
        Err(e) => {
            let r = protocols::repr_string(ts, e.value())
                .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
            out.push_str(&format!("Ignored error getting __notes__: {r}\n"));
            return;
        }
    };
    let Some(notes) = notes else {
        return;
    };
    let is_seq = (notes.is_instance_of(types().list) || notes.is_instance_of(types().tuple))
        && !notes.is_instance_of(types().str);
    if is_seq {
        for n in protocols::collect(ts, &notes).unwrap_or_default() {
            let s = match protocols::str(ts, &n) {
                Ok(s) => str_lossy(&s),
                Err(_) => "<note str() failed>".into(),
            };
            for line in s.split('\n') {
                out.push_str(line);
                out.push('\n');
            }
        }
    } else if !notes.is_none() {
        let r = protocols::repr_string(ts, &notes)
            .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
        out.push_str(&r);
        out.push('\n');
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
        let offset = attr(ts, exc, "offset").and_then(|o| crate::objects::int::as_i64(&o));
        // CPython shows no caret when the offset falls in the stripped indentation.
        if let Some(off) = offset.filter(|&o| o - 1 - lead as i64 >= 0) {
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
    /// Registers the source of a compiled unit (for tracebacks of `-c` code).
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
