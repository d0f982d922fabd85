//! Rust implementations of CPython C modules (see DESIGN.md). Not built yet.
