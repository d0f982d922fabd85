//! PEP 703 memory and concurrency primitives (see DESIGN.md).
