//! Python exceptions as Rust values: `PyResult<T> = Result<T, PyErr>`, where `PyErr` owns the
//! exception instance. Helpers on `ThreadState` build the builtin exceptions with CPython's
//! exact messages (`ts.type_error(...)`, `ts.attribute_error_no_attr(...)`, …).

use crate::objects::exceptions::PyBaseException;
use crate::objects::typeobj::PyType;
use crate::runtime::types;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// A raised Python exception: owns the exception instance (a `BaseException`).
#[derive(Clone, Debug)]
pub struct PyErr(Value);

pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// Wraps an exception instance. The caller checked it is a `BaseException` instance.
    pub fn from_instance(v: Value) -> PyErr {
        debug_assert!(
            v.downcast::<PyBaseException>().is_some(),
            "not an exception: {v:?}"
        );
        PyErr(v)
    }

    /// The exception instance.
    pub fn value(&self) -> &Value {
        &self.0
    }

    pub fn into_value(self) -> Value {
        self.0
    }

    /// Whether the exception is an instance of `ty` (or a subclass).
    pub fn matches(&self, ty: &PyType) -> bool {
        self.0.class().is_subtype(ty)
    }

    pub fn exc(&self) -> &PyBaseException {
        // SAFETY: `from_instance`'s contract: exception instances have this layout.
        unsafe { self.0.payload_unchecked::<PyBaseException>() }
    }
}

impl ThreadState {
    /// A new exception of type `ty` with one str argument.
    pub fn new_error(&self, ty: &PyType, msg: impl AsRef<str>) -> PyErr {
        let arg = self.new_str(msg.as_ref());
        self.new_error_args(ty, vec![arg])
    }

    /// A new exception of type `ty` with these args (no `__init__` is run: builtin types only).
    pub fn new_error_args(&self, ty: &PyType, args: Vec<Value>) -> PyErr {
        match crate::objects::exceptions::new_exception(self, ty, args) {
            Ok(v) => PyErr(v),
            Err(e) => e,
        }
    }

    pub fn type_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.type_error, msg)
    }
    pub fn value_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.value_error, msg)
    }
    pub fn index_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.index_error, msg)
    }
    pub fn key_error(&self, key: Value) -> PyErr {
        self.new_error_args(types().exc.key_error, vec![key])
    }
    pub fn name_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.name_error, msg)
    }
    pub fn attribute_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.attribute_error, msg)
    }
    pub fn runtime_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.runtime_error, msg)
    }
    pub fn overflow_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.overflow_error, msg)
    }
    pub fn zero_division_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.zero_division_error, msg)
    }
    pub fn recursion_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.recursion_error, msg)
    }
    pub fn not_implemented_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.not_implemented_error, msg)
    }
    pub fn import_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.import_error, msg)
    }
    pub fn os_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error(types().exc.os_error, msg)
    }
    pub fn stop_iteration(&self, v: Option<Value>) -> PyErr {
        let args = v.into_iter().collect();
        self.new_error_args(types().exc.stop_iteration, args)
    }
    pub fn unbound_local_error(&self, name: &str) -> PyErr {
        self.new_error(
            types().exc.unbound_local_error,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    /// `MemoryError()`, for allocation failures.
    #[cold]
    pub fn memory_error(&self) -> PyErr {
        self.new_error_args(types().exc.memory_error, vec![])
    }

    /// `'T' object has no attribute 'name'`.
    pub fn attribute_error_no_attr(&self, obj: &Value, name: &Value) -> PyErr {
        let msg = format!(
            "'{}' object has no attribute '{}'",
            obj.class().name(),
            crate::objects::str::str_lossy(name)
        );
        let e = self.attribute_error(msg);
        crate::objects::exceptions::set_attr_error_context(self, &e, obj, name);
        e
    }

    /// `'T' object has no attribute '__dict__'`.
    pub fn attribute_error_no_dict(&self, obj: &Value) -> PyErr {
        self.attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            obj.class().name()
        ))
    }

    /// `'T' object is not subscriptable` and friends: `'{type}' object {what}`.
    pub fn type_error_obj(&self, obj: &Value, what: &str) -> PyErr {
        self.type_error(format!("'{}' object {what}", obj.class().name()))
    }
}
