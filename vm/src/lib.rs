//! Ladon's interpreter: values, objects and types, the eval loop, exceptions, imports, threads
//! and the core builtins. See `vm/DESIGN-vm.md` for the architecture and its invariants.
//!
//! Map: [`value`] (the one-word `Value`) · [`object`] (payloads, allocation, instance layout) ·
//! [`objects`] (one file per type) · [`protocols`] (the abstract object protocols) ·
//! [`interp`] (frames, eval loop, calls, unwinding) · [`runtime`] / [`thread_state`] ·
//! [`errors`] · [`import`] · [`builtins`] (`builtins`, `sys`, `_thread`, …) · [`traceback`].
//!
//! Entry point for the CLI: [`run_main`].

pub mod builtins;
pub mod errors;
pub mod import;
pub mod interp;
pub mod object;
pub mod objects;
pub mod protocols;
pub mod runtime;
pub mod suggestions;
pub mod text;
pub mod thread_state;
pub mod traceback;
pub mod typing_intrinsics;
pub mod unicode;
pub mod value;

pub use errors::{PyErr, PyResult};
pub use runtime::Runtime;
pub use thread_state::ThreadState;
pub use value::Value;

mod main_entry;
pub use main_entry::{run_main, Flags, MainOptions, MainSource};
