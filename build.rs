//! Embeds the Python content pack in the binary so the app runs from any
//! directory: writes a list of `(relative path, include_str!)` pairs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "ron" | "svg")
        ) {
            files.push(path);
        }
    }
}

fn main() {
    // Read at run time: a build script compiled for a clone elsewhere may be
    // reused from a shared target dir, and env!() would point there.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("content/python");
    // A directory here makes cargo rescan everything below it.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("roadmap.ron")),
        "no content pack at {} (roadmap.ron missing)",
        root.display()
    );
    files.sort();
    let mut out = String::from("/// The embedded pack: (path relative to the pack, text).\n");
    out.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .expect("collected paths are under the pack root")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_pack.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
