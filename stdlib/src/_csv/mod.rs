//! `_csv`: CSV reading and writing (CPython's `Modules/_csv.c`).
//!
//! Dialects, the registry, and the `reader`/`writer` classes are Python (`_csv.py` beside
//! this file, run as the module body): their work per row is a few calls. The per-character
//! work is here: [`scan_line`] runs the reader's state machine over one input line, and
//! [`quote_field`] escapes and quotes one output field. Both follow `_csv.c`'s states and
//! messages.

use vm::builtins::args::MethodArgs;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::runtime::{py_bool, types};
use vm::{protocols, PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_csv.py");

const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;
const QUOTE_STRINGS: i64 = 4;
const QUOTE_NOTNULL: i64 = 5;

/// Reader states, numbered as `_csv.c`'s `ParserState`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    StartRecord = 0,
    StartField = 1,
    EscapedChar = 2,
    InField = 3,
    InQuotedField = 4,
    EscapeInQuotedField = 5,
    QuoteInQuotedField = 6,
    EatCrnl = 7,
    AfterEscapedCrnl = 8,
}

impl State {
    fn from_i64(i: i64) -> State {
        match i {
            1 => State::StartField,
            2 => State::EscapedChar,
            3 => State::InField,
            4 => State::InQuotedField,
            5 => State::EscapeInQuotedField,
            6 => State::QuoteInQuotedField,
            7 => State::EatCrnl,
            8 => State::AfterEscapedCrnl,
            _ => State::StartRecord,
        }
    }
}

/// The reader's dialect, unpacked from the Python tuple `Reader._params`.
struct Params {
    delimiter: Option<u32>,
    quotechar: Option<u32>,
    escapechar: Option<u32>,
    doublequote: bool,
    skipinitialspace: bool,
    strict: bool,
    quoting: i64,
}

fn opt_char(v: &Value) -> Option<u32> {
    v.downcast::<PyStr>().and_then(|s| s.cps().next())
}

fn params(ts: &ThreadState, v: &Value) -> PyResult<Params> {
    let t = v
        .downcast::<PyTuple>()
        .filter(|t| t.len() == 7)
        .ok_or_else(|| ts.type_error("_csv: bad reader parameters"))?;
    let p = t.as_slice();
    Ok(Params {
        delimiter: opt_char(&p[0]),
        quotechar: opt_char(&p[1]),
        escapechar: opt_char(&p[2]),
        doublequote: protocols::is_true(ts, &p[3])?,
        skipinitialspace: protocols::is_true(ts, &p[4])?,
        strict: protocols::is_true(ts, &p[5])?,
        quoting: protocols::index_i64(ts, &p[6])?,
    })
}

/// Appends a finished field: unquoted fields become floats (QUOTE_NONNUMERIC, QUOTE_STRINGS)
/// or None when empty (QUOTE_STRINGS, QUOTE_NOTNULL).
fn save_field(
    ts: &ThreadState,
    p: &Params,
    field: &[u32],
    unquoted: bool,
    fields: &Value,
) -> PyResult<()> {
    let s = ts.new_str_from_cps(field);
    let v =
        if unquoted && !field.is_empty() && matches!(p.quoting, QUOTE_NONNUMERIC | QUOTE_STRINGS) {
            protocols::call(ts, &types().float.to_value(), &[s], None)?
        } else if unquoted && field.is_empty() && matches!(p.quoting, QUOTE_STRINGS | QUOTE_NOTNULL)
        {
            vm::runtime::none()
        } else {
            s
        };
    protocols::call_method(ts, fields, "append", &[v])?;
    Ok(())
}

/// `_scan_line(line, params, state, unquoted, partial, fields, limit, Error)`: runs the
/// state machine over `line` and its end; returns `(state, unquoted, partial)`.
fn scan_line(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [line, pv, state, unquoted, partial, fields, limit, error] =
        a.parse::<8>(ts, "_scan_line", &["", "", "", "", "", "", "", ""], 8)?;
    let none = vm::runtime::none;
    let (line, pv, fields, error) = (
        line.unwrap_or_else(none),
        pv.unwrap_or_else(none),
        fields.unwrap_or_else(none),
        error.unwrap_or_else(none),
    );
    let p = params(ts, &pv)?;
    let mut st = State::from_i64(protocols::index_i64(ts, &state.unwrap_or_else(none))?);
    let mut unq = protocols::is_true(ts, &unquoted.unwrap_or_else(none))?;
    let limit = protocols::index_i64(ts, &limit.unwrap_or_else(none))?;
    let mut field: Vec<u32> = partial
        .as_ref()
        .and_then(|v| v.downcast::<PyStr>())
        .map(|s| s.to_cps())
        .unwrap_or_default();
    let line = line
        .downcast::<PyStr>()
        .ok_or_else(|| ts.type_error("_scan_line: line must be str"))?
        .to_cps();
    let err = |msg: String| -> vm::errors::PyErr {
        match protocols::call(ts, &error, &[ts.new_str(&msg)], None) {
            Ok(e) => vm::errors::PyErr::from_instance(e),
            Err(e) => e,
        }
    };
    const EOL: Option<u32> = None;
    let is = |c: Option<u32>, x: Option<u32>| c.is_some() && c == x;
    let nl = |c: Option<u32>| matches!(c, Some(0x0a) | Some(0x0d));
    for c in line.iter().copied().map(Some).chain(std::iter::once(EOL)) {
        macro_rules! save {
            () => {{
                save_field(ts, &p, &field, unq, &fields)?;
                field.clear();
                unq = true;
            }};
        }
        macro_rules! add {
            ($c:expr) => {{
                if field.len() as i64 >= limit {
                    return Err(err(format!("field larger than field limit ({limit})")));
                }
                field.push($c);
            }};
        }
        let mut again = true;
        while again {
            again = false;
            match st {
                State::StartRecord => {
                    if c == EOL {
                        break;
                    } else if nl(c) {
                        st = State::EatCrnl;
                        break;
                    }
                    st = State::StartField;
                    again = true;
                }
                State::StartField => {
                    if nl(c) || c == EOL {
                        save!();
                        st = if c == EOL {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if is(c, p.quotechar) && p.quoting != QUOTE_NONE {
                        unq = false;
                        st = State::InQuotedField;
                    } else if is(c, p.escapechar) {
                        st = State::EscapedChar;
                    } else if c == Some(0x20) && p.skipinitialspace {
                    } else if is(c, p.delimiter) {
                        save!();
                    } else if let Some(ch) = c {
                        add!(ch);
                        st = State::InField;
                    }
                }
                State::EscapedChar => {
                    if nl(c) {
                        add!(c.unwrap_or(10));
                        st = State::AfterEscapedCrnl;
                    } else {
                        add!(c.unwrap_or(10));
                        st = State::InField;
                    }
                }
                State::AfterEscapedCrnl | State::InField => {
                    if st == State::AfterEscapedCrnl && c == EOL {
                        break;
                    }
                    if nl(c) || c == EOL {
                        save!();
                        st = if c == EOL {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if is(c, p.escapechar) {
                        st = State::EscapedChar;
                    } else if is(c, p.delimiter) {
                        save!();
                        st = State::StartField;
                    } else if let Some(ch) = c {
                        add!(ch);
                        st = State::InField;
                    }
                }
                State::InQuotedField => {
                    if c == EOL {
                    } else if is(c, p.escapechar) {
                        st = State::EscapeInQuotedField;
                    } else if is(c, p.quotechar) && p.quoting != QUOTE_NONE {
                        st = if p.doublequote {
                            State::QuoteInQuotedField
                        } else {
                            State::InField
                        };
                    } else if let Some(ch) = c {
                        add!(ch);
                    }
                }
                State::EscapeInQuotedField => {
                    add!(c.unwrap_or(10));
                    st = State::InQuotedField;
                }
                State::QuoteInQuotedField => {
                    if p.quoting != QUOTE_NONE && is(c, p.quotechar) {
                        add!(c.unwrap_or(0));
                        st = State::InQuotedField;
                    } else if is(c, p.delimiter) {
                        save!();
                        st = State::StartField;
                    } else if nl(c) || c == EOL {
                        save!();
                        st = if c == EOL {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if !p.strict {
                        if let Some(ch) = c {
                            add!(ch);
                        }
                        st = State::InField;
                    } else {
                        let d = p.delimiter.and_then(char::from_u32).unwrap_or(',');
                        let q = p.quotechar.and_then(char::from_u32).unwrap_or('"');
                        return Err(err(format!("'{d}' expected after '{q}'")));
                    }
                }
                State::EatCrnl => {
                    if nl(c) {
                    } else if c == EOL {
                        st = State::StartRecord;
                    } else {
                        return Err(err("new-line character seen in unquoted field - do you need to open the file with newline=''?".into()));
                    }
                }
            }
        }
    }
    Ok(ts.new_tuple(vec![
        ts.new_int(st as i64),
        py_bool(unq),
        ts.new_str_from_cps(&field),
    ]))
}

/// `_save_field(params, partial, unquoted, fields)`: the last field at end of input.
fn save_last(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [pv, partial, unquoted, fields] = a.parse::<4>(ts, "_save_field", &["", "", "", ""], 4)?;
    let none = vm::runtime::none;
    let p = params(ts, &pv.unwrap_or_else(none))?;
    let field = partial
        .as_ref()
        .and_then(|v| v.downcast::<PyStr>())
        .map(|s| s.to_cps())
        .unwrap_or_default();
    let unq = protocols::is_true(ts, &unquoted.unwrap_or_else(none))?;
    save_field(ts, &p, &field, unq, &fields.unwrap_or_else(none))?;
    Ok(none())
}

/// `_quote_field(s, delimiter, quotechar, escapechar, doublequote, quoting, lineterminator,
/// quoted, first, Error)`: one output field, escaped and quoted as `join_append_data`.
fn quote_field(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, delim, quote, esc, dq, quoting, term, quoted, _first, error] = a.parse::<10>(
        ts,
        "_quote_field",
        &["", "", "", "", "", "", "", "", "", ""],
        10,
    )?;
    let none = vm::runtime::none;
    let s = s.unwrap_or_else(none);
    let data = s
        .downcast::<PyStr>()
        .ok_or_else(|| ts.type_error("_quote_field: str expected"))?
        .to_cps();
    let delim = opt_char(&delim.unwrap_or_else(none));
    let quote = opt_char(&quote.unwrap_or_else(none));
    let esc = opt_char(&esc.unwrap_or_else(none));
    let dq = protocols::is_true(ts, &dq.unwrap_or_else(none))?;
    let quoting = protocols::index_i64(ts, &quoting.unwrap_or_else(none))?;
    let term: Vec<u32> = term
        .as_ref()
        .and_then(|t| t.downcast::<PyStr>())
        .map(|t| t.to_cps())
        .unwrap_or_default();
    let mut quoted = protocols::is_true(ts, &quoted.unwrap_or_else(none))?;
    let error = error.unwrap_or_else(none);
    let mut out: Vec<u32> = Vec::with_capacity(data.len() + 2);
    for &c in &data {
        let special = Some(c) == delim
            || Some(c) == esc
            || Some(c) == quote
            || c == 0x0a
            || c == 0x0d
            || term.contains(&c);
        if special {
            let mut want_escape = false;
            if quoting == QUOTE_NONE {
                want_escape = true;
            } else {
                if Some(c) == quote {
                    if dq {
                        out.push(c);
                    } else {
                        want_escape = true;
                    }
                } else if Some(c) == esc {
                    want_escape = true;
                }
                if !want_escape {
                    quoted = true;
                }
            }
            if want_escape {
                let Some(e) = esc else {
                    let exc = protocols::call(
                        ts,
                        &error,
                        &[ts.new_str("need to escape, but no escapechar set")],
                        None,
                    )?;
                    return Err(vm::errors::PyErr::from_instance(exc));
                };
                out.push(e);
            }
        }
        out.push(c);
    }
    if quoted {
        if let Some(q) = quote {
            out.insert(0, q);
            out.push(q);
        }
    }
    Ok(ts.new_str_from_cps(&out))
}

fn csv_init(ts: &ThreadState) -> PyResult<Value> {
    crate::pysource::module_from_source(
        ts,
        "_csv",
        &[
            ("_scan_line", scan_line),
            ("_save_field", save_last),
            ("_quote_field", quote_field),
        ],
        SOURCE,
    )
}

/// The module's initializer.
pub const init: Option<vm::builtins::modules::NativeInit> = Some(csv_init);
