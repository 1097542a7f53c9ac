//! The syntaxes the highlighter loads: two-face's set cut down to the
//! languages lessons may use ([`languages::LANGUAGES`]) and the syntaxes
//! those embed, by `examples/syntax_subset.rs`. The whole set of 220 takes
//! about 2 MB more memory (1 MB of it the dump itself, read whole) for
//! syntaxes no lesson can ask for.
//!
//! [`languages::LANGUAGES`]: crate::course::languages::LANGUAGES

use syntect::parsing::SyntaxSet;

/// The cut-down set, as `syntect::dumps::dump_to_uncompressed_file` writes
/// a set. `tests/syntaxes.rs` checks it is what the example writes now.
pub const DUMP: &[u8] = include_bytes!("../../assets/syntaxes.bin");

/// Reads [`DUMP`].
pub fn load() -> SyntaxSet {
    syntect::dumps::from_uncompressed_data(DUMP)
        .expect("assets/syntaxes.bin is a syntect dump (tests/syntaxes.rs)")
}
