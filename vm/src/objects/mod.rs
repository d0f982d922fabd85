//! One file per Python type (style.md §2). `init_types` fills every builtin type's slots and
//! methods at runtime start.

pub mod async_gen;
pub mod builtin_func;
pub mod bytes;
pub mod class_new;
pub mod code;
pub mod descr;
pub mod dict;
pub mod exception_group;
pub mod exceptions;
pub mod finalize;
pub mod float;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod int;
pub mod iter;
pub mod list;
pub mod memoryview;
pub mod module;
pub mod object_type;
pub mod range;
pub mod seq;
pub mod set;
pub mod slot_dispatch;
pub mod slots;
pub mod str;
pub mod str_methods;
pub mod structseq;
pub mod super_;
pub mod template;
pub mod tuple;
pub mod typeobj;
pub mod weakref;

use crate::thread_state::ThreadState;

/// Fills the builtin types' slots and dicts (bootstrap, before slot wrappers and inheritance).
pub fn init_types(ts: &ThreadState) {
    object_type::init(ts);
    object_type::init_singletons(ts);
    int::init(ts);
    float::init(ts);
    str_methods::init(ts);
    bytes::init(ts);
    tuple::init(ts);
    list::init(ts);
    dict::init(ts);
    set::init(ts);
    descr::init(ts);
    builtin_func::init(ts);
    function::init(ts);
    code::init(ts);
    module::init(ts);
    exceptions::init(ts);
    exception_group::init(ts);
    range::init(ts);
    iter::init(ts);
    generator::init(ts);
    super_::init(ts);
    generic_alias::init(ts);
    crate::builtins::thread::init_types(ts);
}
