//! `sys`'s struct sequences: `version_info`, `flags`, `float_info`, `int_info`, `hash_info`,
//! `thread_info`, with CPython 3.14's field names and order (64-bit Linux values).

use crate::objects::dict::PyDict;
use crate::objects::structseq::{new_instance, new_type, StructSeqDesc};
use crate::objects::typeobj::PyType;
use crate::runtime::{none, py_bool};
use crate::text::parse_int::DEFAULT_MAX_STR_DIGITS;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// Ladon's version, reported as CPython's.
pub const VERSION: (i64, i64, i64, &str, i64) = (3, 14, 0, "final", 0);

/// CPython's `PyHASH_MODULUS` (2**61 - 1) and friends (`Python/pyhash.c`).
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

const VERSION_INFO: StructSeqDesc = StructSeqDesc {
    name: "sys.version_info",
    fields: &["major", "minor", "micro", "releaselevel", "serial"],
    instantiable: false,
};

const FLAGS: StructSeqDesc = StructSeqDesc {
    name: "sys.flags",
    fields: &[
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ],
    instantiable: false,
};

const FLOAT_INFO: StructSeqDesc = StructSeqDesc {
    name: "sys.float_info",
    fields: &[
        "max",
        "max_exp",
        "max_10_exp",
        "min",
        "min_exp",
        "min_10_exp",
        "dig",
        "mant_dig",
        "epsilon",
        "radix",
        "rounds",
    ],
    instantiable: false,
};

const INT_INFO: StructSeqDesc = StructSeqDesc {
    name: "sys.int_info",
    fields: &[
        "bits_per_digit",
        "sizeof_digit",
        "default_max_str_digits",
        "str_digits_check_threshold",
    ],
    instantiable: false,
};

const HASH_INFO: StructSeqDesc = StructSeqDesc {
    name: "sys.hash_info",
    fields: &[
        "width",
        "modulus",
        "inf",
        "nan",
        "imag",
        "algorithm",
        "hash_bits",
        "seed_bits",
        "cutoff",
    ],
    instantiable: false,
};

const THREAD_INFO: StructSeqDesc = StructSeqDesc {
    name: "sys.thread_info",
    fields: &["name", "lock", "version"],
    instantiable: false,
};

/// `sys.version_info` (also `sys.implementation.version`).
pub fn version_info(ts: &ThreadState) -> Value {
    let ty = new_type(ts, &VERSION_INFO, &[]);
    let (major, minor, micro, level, serial) = VERSION;
    let items = vec![
        ts.new_int(major),
        ts.new_int(minor),
        ts.new_int(micro),
        ts.new_str(level),
        ts.new_int(serial),
    ];
    instance(ts, ty, items)
}

fn instance(ts: &ThreadState, ty: &PyType, items: Vec<Value>) -> Value {
    new_instance(ts, ty, items).expect("bootstrap allocation")
}

/// Puts `flags`, `float_info`, `int_info`, `hash_info` and `thread_info` in `d`.
pub fn install(ts: &ThreadState, d: &PyDict) {
    let i = |v: i64| ts.new_int(v);
    let set = |k: &str, v: Value| super::set(ts, d, k, v);

    // Fields CPython keeps out of the sequence; sys.flags is a singleton, so they can live on
    // the type.
    let extra = [
        ("gil", i(0)),
        ("thread_inherit_context", i(1)),
        ("context_aware_warnings", i(1)),
    ];
    let ty = new_type(ts, &FLAGS, &extra);
    let mut items: Vec<Value> = (0..13).map(|_| i(0)).collect();
    items[4] = i(1); // dont_write_bytecode: Ladon writes no .pyc files
    items.extend([
        py_bool(false),
        i(1),
        i(0),
        py_bool(false),
        i(DEFAULT_MAX_STR_DIGITS as i64),
    ]);
    set("flags", instance(ts, ty, items));

    let f = |v: f64| ts.new_float(v);
    let ty = new_type(ts, &FLOAT_INFO, &[]);
    let items = vec![
        f(f64::MAX),
        i(f64::MAX_EXP as i64),
        i(f64::MAX_10_EXP as i64),
        f(f64::MIN_POSITIVE),
        i(f64::MIN_EXP as i64),
        i(f64::MIN_10_EXP as i64),
        i(f64::DIGITS as i64),
        i(f64::MANTISSA_DIGITS as i64),
        f(f64::EPSILON),
        i(f64::RADIX as i64),
        i(1),
    ];
    set("float_info", instance(ts, ty, items));

    let ty = new_type(ts, &INT_INFO, &[]);
    let items = vec![i(30), i(4), i(DEFAULT_MAX_STR_DIGITS as i64), i(640)];
    set("int_info", instance(ts, ty, items));

    let ty = new_type(ts, &HASH_INFO, &[]);
    let items = vec![
        i(64),
        i(HASH_MODULUS),
        i(314159),
        i(0),
        i(1000003),
        ts.new_str("siphash13"),
        i(64),
        i(128),
        i(0),
    ];
    set("hash_info", instance(ts, ty, items));

    let ty = new_type(ts, &THREAD_INFO, &[]);
    let items = vec![ts.new_str("pthread"), ts.new_str("mutex+cond"), none()];
    set("thread_info", instance(ts, ty, items));
}

/// The command line's values for `sys.flags`, in the sequence's field order (the caller
/// builds them from its settings, as CPython's `PyConfig` does).
pub struct FlagValues {
    /// The 13 integer fields `debug` … `isolated`.
    pub ints: [i64; 13],
    pub dev_mode: bool,
    pub utf8_mode: i64,
    pub warn_default_encoding: i64,
    pub safe_path: bool,
    pub int_max_str_digits: i64,
}

/// Replaces `sys.flags` with an instance of the same type holding `v`.
pub fn set_flags(ts: &ThreadState, v: &FlagValues) {
    let Some(old) = super::sys_attr(ts, "flags") else {
        return;
    };
    let Some(sys) = ts.rt.sys.get() else { return };
    let Some(m) = sys.downcast::<crate::objects::module::PyModule>() else {
        return;
    };
    let i = |x: i64| ts.new_int(x);
    let mut items: Vec<Value> = v.ints.iter().map(|&x| i(x)).collect();
    items.extend([
        py_bool(v.dev_mode),
        i(v.utf8_mode),
        i(v.warn_default_encoding),
        py_bool(v.safe_path),
        i(v.int_max_str_digits),
    ]);
    if let Ok(flags) = new_instance(ts, old.class(), items) {
        super::set(ts, m.dict(), "flags", flags);
    }
}
