//! `_tuplegetter`: the data descriptor `collections.namedtuple` puts on each field (CPython's
//! `tuplegetter` in `Modules/_collectionsmodule.c`): `P.x.__get__(p)` is `p[0]`, setting
//! or deleting raises AttributeError, and `__doc__` is per descriptor and writable.

use std::sync::{Mutex, OnceLock, PoisonError};
use vm::builtins::args::MethodArgs;
use vm::object::PyPayload;
use vm::objects::descr::{add_getset, add_method};
use vm::objects::seq::trace_value;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::none;
use vm::{PyResult, ThreadState, Value};

/// A `collections._tuplegetter`.
pub struct PyTupleGetter {
    index: i64,
    /// `__doc__`, replaced as a whole (a leaf lock: no Python code runs under it).
    doc: Mutex<Value>,
}

impl PyPayload for PyTupleGetter {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(d) = self.doc.try_lock() {
            trace_value(&d, t);
        }
    }
    fn clear(&self) {
        let old = std::mem::replace(
            &mut *self.doc.lock().unwrap_or_else(PoisonError::into_inner),
            none(),
        );
        drop(old);
    }
}

impl PyTupleGetter {
    fn doc(&self) -> Value {
        self.doc
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

static TYPE: OnceLock<&'static PyType> = OnceLock::new();

pub(crate) fn tuplegetter_type(ts: &ThreadState) -> &'static PyType {
    TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyTupleGetter>(
            ts,
            "collections._tuplegetter",
            None,
            0,
            |ts, t| {
                t.slots.new.set(Some(tg_new));
                t.slots.descr_get.set(Some(tg_get));
                t.slots.descr_set.set(Some(tg_set));
                t.slots.repr.set(Some(tg_repr));
                add_method(ts, t, "__reduce__", m_reduce);
                add_getset(ts, t, "__doc__", g_doc, Some(s_doc));
                t.dict()
                    .set_str(ts, "__module__", ts.new_str("collections"));
            },
        )
    })
}

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyTupleGetter> {
    v.downcast::<PyTupleGetter>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'collections._tuplegetter' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn tg_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("_tuplegetter() takes no keyword arguments"));
    }
    if args.len() != 2 {
        return Err(ts.type_error(format!(
            "_tuplegetter expected 2 arguments, got {}",
            args.len()
        )));
    }
    let index = match protocols::index_i64(ts, &args[0]) {
        Err(e) if e.matches(vm::runtime::types().exc.index_error) => {
            return Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
        }
        r => r?,
    };
    let g = PyTupleGetter {
        index,
        doc: Mutex::new(args[1].clone()),
    };
    vm::object::alloc(ts, cls.as_type(), g)
}

fn tg_get(ts: &ThreadState, d: &Value, obj: Option<&Value>, _ty: &Value) -> PyResult<Value> {
    let g = this(ts, d)?;
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(d.clone());
    };
    let Some(t) = obj.downcast::<PyTuple>() else {
        return Err(ts.type_error(format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index,
            obj.class().name()
        )));
    };
    usize::try_from(g.index)
        .ok()
        .and_then(|i| t.as_slice().get(i).cloned())
        .ok_or_else(|| ts.index_error("tuple index out of range"))
}

fn tg_set(ts: &ThreadState, _d: &Value, _obj: &Value, v: Option<Value>) -> PyResult<()> {
    Err(ts.attribute_error(if v.is_some() {
        "can't set attribute"
    } else {
        "can't delete attribute"
    }))
}

fn tg_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let g = this(ts, v)?;
    let doc = protocols::repr_string(ts, &g.doc())?;
    let name = v.class().name();
    let name = name.rsplit_once('.').map_or(name.as_str(), |(_, s)| s);
    Ok(ts.new_str(&format!("{name}({}, {doc})", g.index)))
}

fn m_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    let g = this(ts, s)?;
    Ok(ts.new_tuple(vec![
        s.class().to_value(),
        ts.new_tuple(vec![ts.new_int(g.index), g.doc()]),
    ]))
}

fn g_doc(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(this(ts, v)?.doc())
}

fn s_doc(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let g = this(ts, v)?;
    let old = std::mem::replace(
        &mut *g.doc.lock().unwrap_or_else(PoisonError::into_inner),
        x.unwrap_or_else(none),
    );
    drop(old);
    Ok(())
}
