//! Parser unit tests.
// x
