//! Writes `assets/syntaxes.bin`: two-face's syntax set cut down to the
//! languages lessons may use (`course::languages`) and every syntax those
//! embed, so the highlighter does not load (and keep in memory) the other
//! two hundred. `tests/syntaxes.rs` fails while the file is not what this
//! writes.
//!
//!     cargo run --example syntax_subset
//!
//! The set keeps its shape: syntect links a syntax to the contexts of
//! another by its place in the list, so every syntax keeps its place and
//! its name, and a syntax nothing kept can reach has its contexts replaced
//! by Plain Text's.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;

use serde::{Deserialize, Serialize};

/// syntect's `SyntaxSet` as its dumps hold it (a scope is written as text).
#[derive(Serialize, Deserialize)]
struct SetDump {
    syntaxes: Vec<SyntaxDump>,
    path_syntaxes: Vec<(String, usize)>,
}

/// syntect's `SyntaxReference`, its contexts compressed apart.
#[derive(Serialize, Deserialize)]
struct SyntaxDump {
    name: String,
    file_extensions: Vec<String>,
    scope: String,
    first_line_match: Option<String>,
    hidden: bool,
    variables: BTreeMap<String, String>,
    serialized_lazy_contexts: Vec<u8>,
}

/// bincode's tag of `ContextReference::Direct`, the one way a syntax's
/// contexts name another syntax once linked: `Direct(ContextId {
/// syntax_index, context_index })`.
const DIRECT_TAG: [u8; 4] = 4_u32.to_le_bytes();

/// The places of the syntaxes these contexts may link to. Read as bytes,
/// so it may find a place that is not a link (a syntax kept for nothing),
/// never miss one.
fn linked_syntaxes(contexts: &[u8], count: usize) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    for at in 0..contexts.len().saturating_sub(20) {
        if contexts[at..at + 4] == DIRECT_TAG {
            let mut index = [0; 8];
            index.copy_from_slice(&contexts[at + 4..at + 12]);
            let index = u64::from_le_bytes(index);
            if let Ok(index) = usize::try_from(index)
                && index < count
            {
                found.insert(index);
            }
        }
    }
    found
}

fn decompress(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("two-face's contexts decompress");
    out
}

/// The cut-down set, as `syntect::dumps::from_uncompressed_data` reads it,
/// and the names of the syntaxes that keep their contexts.
pub fn subset() -> (Vec<u8>, Vec<String>) {
    let full = two_face::syntax::extra_newlines();
    let dump = bincode::serialize(&full).expect("writes syntect's dump");
    let mut set: SetDump = bincode::deserialize(&dump).expect("reads syntect's dump");
    let count = set.syntaxes.len();
    let place = |name: &str| {
        set.syntaxes
            .iter()
            .position(|s| s.name == name)
            .unwrap_or_else(|| panic!("two-face has no syntax {name:?}"))
    };
    let plain = place("Plain Text");
    let mut wanted: Vec<usize> = pyroadmap::course::languages::LANGUAGES
        .iter()
        .map(|(_, name)| place(name))
        .collect();
    wanted.push(plain);
    let mut kept = BTreeSet::new();
    while let Some(index) = wanted.pop() {
        if kept.insert(index) {
            let contexts = decompress(&set.syntaxes[index].serialized_lazy_contexts);
            wanted.extend(linked_syntaxes(&contexts, count));
        }
    }
    let plain_contexts = set.syntaxes[plain].serialized_lazy_contexts.clone();
    for (index, syntax) in set.syntaxes.iter_mut().enumerate() {
        if !kept.contains(&index) {
            syntax.serialized_lazy_contexts.clone_from(&plain_contexts);
            // Only read while a syntax is built from its source.
            syntax.variables.clear();
        }
    }
    let names = kept.iter().map(|&i| set.syntaxes[i].name.clone()).collect();
    (bincode::serialize(&set).expect("writes"), names)
}

#[allow(dead_code, reason = "tests/syntaxes.rs takes only `subset`")]
fn main() {
    let (bytes, names) = subset();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/syntaxes.bin");
    std::fs::write(path, &bytes).expect("writes assets/syntaxes.bin");
    println!(
        "{} bytes, {} syntaxes with their contexts:",
        bytes.len(),
        names.len()
    );
    for name in names {
        println!("  {name}");
    }
}
