//! The Python 3.14 interpreter (see DESIGN.md). Not built yet: issue 5.
