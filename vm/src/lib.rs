//! The Python 3.14 interpreter (see DESIGN.md). Not built yet: issue 5.

pub mod text;
pub mod unicode;
