//! `posix`: not ported yet (`init` is `None`, so `import posix` finds no native module).

use vm::builtins::modules::NativeInit;

/// The module's initializer, once ported.
pub const init: Option<NativeInit> = None;
