//! Embeds the Python content pack in the binary so the app runs from any
//! directory: writes every file into one blob with a list of where each
//! lies in it, and
//! each lesson's title and quiz question ids, so the app can list the course
//! and count review cards without reading (or keeping in memory) the
//! lessons themselves. The content test checks these against the parser.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Every lesson, manifest and picture, and every file of a project (its
/// starter, checks, solutions and data, whatever their kind).
fn collect(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // A writer's local runs may leave caches: never shipped.
            if !path.ends_with("__pycache__") {
                collect(root, &path, files);
            }
        } else if is_project_file(root, &path)
            || matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "ron" | "svg")
            )
        {
            files.push(path);
        }
    }
}

/// Whether `path` lies in a project's folder (`<section>/projects/<id>/`).
fn is_project_file(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root).is_ok_and(|relative| {
        relative
            .components()
            .nth(1)
            .is_some_and(|c| c.as_os_str() == "projects")
    })
}

/// A question of a quiz block, read only for its id.
#[derive(serde::Deserialize)]
struct QuestionId {
    #[serde(default)]
    id: String,
}

/// A lesson's `# Title` (as plain text, empty when it has none) and the ids
/// of its quiz's questions, in order: what `course::markdown::parse` finds.
fn title_and_quiz(source: &str) -> (String, Vec<String>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut title = None;
    let mut quiz = None;
    let mut depth = 0_usize;
    let mut in_title = false;
    let mut in_quiz = false;
    let mut text = String::new();
    for (index, event) in Parser::new_ext(source, options).enumerate() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if index == 0 && source.trim_start().starts_with("# ") => {
                in_title = true;
            }
            Event::End(TagEnd::Heading(_)) if in_title => {
                in_title = false;
                title = Some(std::mem::take(&mut text));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if depth == 0 && quiz.is_none() && lang.as_ref() == "quiz" =>
            {
                in_quiz = true;
            }
            Event::End(TagEnd::CodeBlock) if in_quiz => {
                in_quiz = false;
                let questions: Vec<QuestionId> = ron::from_str(&text).unwrap_or_default();
                quiz = Some(questions.into_iter().map(|q| q.id).collect());
                text.clear();
            }
            Event::Text(t) | Event::Code(t) if in_title || in_quiz => text.push_str(&t),
            Event::SoftBreak if in_title => text.push(' '),
            Event::HardBreak if in_title => text.push('\n'),
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth -= 1,
            _ => {}
        }
    }
    (title.unwrap_or_default(), quiz.unwrap_or_default())
}

fn main() {
    // Read at run time: a build script compiled for a clone elsewhere may be
    // reused from a shared target dir, and env!() would point there.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("content/python");
    // A directory here makes cargo rescan everything below it.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("roadmap.ron")),
        "no content pack at {} (roadmap.ron missing)",
        root.display()
    );
    files.sort();
    // One blob, so the files lie together in the program, apart from their
    // paths: looking a path up does not bring the files' pages into memory.
    let mut blob = Vec::new();
    let mut out = String::from(
        "/// The embedded pack: (path relative to the pack, start and end in PACK).\n\
         pub static FILES: &[(&str, usize, usize)] = &[\n",
    );
    let mut lessons = String::from(
        "/// Each lesson file outside `exercises/`: (path, title, quiz question ids).\n\
         pub static LESSONS: &[(&str, &str, &[&str])] = &[\n",
    );
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .expect("collected paths are under the pack root")
            .to_string_lossy()
            .replace('\\', "/");
        let start = blob.len();
        if relative.contains("/projects/") {
            // A project's files are handed over as bytes (data may be binary).
            let bytes = std::fs::read(path)
                .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
            blob.extend_from_slice(&bytes);
            writeln!(out, "    ({relative:?}, {start}, {}),", blob.len())
                .expect("writing to a String cannot fail");
            continue;
        }
        let source = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{}: pack files are UTF-8 text: {e}", path.display()));
        blob.extend_from_slice(source.as_bytes());
        writeln!(out, "    ({relative:?}, {start}, {}),", blob.len())
            .expect("writing to a String cannot fail");
        if relative.ends_with(".md") && !relative.contains("/exercises/") {
            let (title, quiz) = title_and_quiz(&source);
            writeln!(lessons, "    ({relative:?}, {title:?}, &{quiz:?}),")
                .expect("writing to a String cannot fail");
        }
    }
    out.push_str("];\n");
    lessons.push_str("];\n");
    out.push_str(&lessons);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    out.push_str(
        "/// Every file of the pack, one after another.\n\
         pub static PACK: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/pack.bin\"));\n",
    );
    std::fs::write(out_dir.join("pack.bin"), blob).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("embedded_pack.rs"), out).expect("OUT_DIR is writable");
}
