//! Concurrency stress tests live in `tests/`.
