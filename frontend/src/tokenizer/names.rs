//! `\N{...}` lookup (placeholder until the generated table lands).

/// The code point named `name` (case-insensitive), as `unicodedata.lookup` finds it.
pub(crate) fn lookup(_name: &str) -> Option<u32> {
    None
}
