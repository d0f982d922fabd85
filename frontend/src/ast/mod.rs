//! CPython's `ast` node set ([`nodes`]), constant values ([`constant`]), and the
//! `ast.dump` emulation ([`dump`]).

pub mod constant;
pub mod dump;
pub mod nodes;
pub mod repr;
pub mod unicode_tables;

pub use constant::{Constant, Int, Wtf8Buf};
pub use nodes::*;
