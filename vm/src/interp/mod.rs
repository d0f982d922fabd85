//! The interpreter: frames ([`frame`]), the eval loop ([`eval`]), calls ([`call`]), exception
//! unwinding ([`unwind`]), instruction helpers ([`ops`]) and thread-local lookup caches
//! ([`cache`]).

pub mod cache;
pub mod call;
pub mod eval;
pub mod frame;
pub mod icache;
pub mod ops;
pub mod unwind;
