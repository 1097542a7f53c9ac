//! Where a content pack's files come from: compiled in, or a folder on disk.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
}

/// The source of a pack's files, addressed by paths relative to the pack.
#[derive(Clone, Debug)]
pub enum PackSource {
    /// The Python pack compiled into the binary.
    Embedded,
    /// A pack folder on disk (for authors: `--content DIR`).
    Dir(PathBuf),
}

impl PackSource {
    /// A name for messages: the folder, or `<embedded>/`.
    pub fn display_path(&self, relative: &str) -> String {
        match self {
            Self::Embedded => format!("content/python/{relative}"),
            Self::Dir(dir) => dir.join(relative).display().to_string(),
        }
    }

    /// The text of one file, or why it could not be read.
    /// The built-in pack's files are lent from the program itself, not copied.
    pub fn read(&self, relative: &str) -> Result<Cow<'static, str>, std::io::Error> {
        match self {
            Self::Embedded => embedded_text(relative)
                .map(Cow::Borrowed)
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            Self::Dir(dir) => std::fs::read_to_string(dir.join(relative)).map(Cow::Owned),
        }
    }

    /// Every Markdown file in the pack, relative and with `/` separators.
    pub fn markdown_files(&self) -> Vec<String> {
        match self {
            Self::Embedded => embedded::FILES
                .iter()
                .map(|(path, ..)| (*path).to_owned())
                .filter(|path| path.ends_with(".md"))
                .collect(),
            Self::Dir(dir) => {
                let mut files = Vec::new();
                collect_markdown(dir, dir, &mut files);
                files.sort();
                files
            }
        }
    }

    /// A file's text to read later: for the built-in pack, nothing of the
    /// file is read (or brought into memory) until `PackText::get`.
    pub fn read_later(&self, relative: &str) -> Result<PackText, std::io::Error> {
        match self {
            Self::Embedded => embedded_bytes(relative)
                .map(PackText::Embedded)
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            Self::Dir(_) => self
                .read(relative)
                .map(|text| PackText::Read(text.into_owned())),
        }
    }
}

/// A pack file's text, as `PackSource::read_later` gives it.
#[derive(Clone, Debug)]
pub enum PackText {
    /// A built-in file, lent from the program and not yet looked at.
    Embedded(&'static [u8]),
    /// A file read from a folder.
    Read(String),
}

impl Default for PackText {
    fn default() -> Self {
        Self::Read(String::new())
    }
}

impl PackText {
    /// The text (a built-in file's bytes are read here, the first time).
    pub fn get(&self) -> &str {
        match self {
            Self::Embedded(bytes) => embedded_str(bytes),
            Self::Read(text) => text,
        }
    }
}

/// Where a built-in file lies in the program, without reading any of it.
fn embedded_bytes(relative: &str) -> Option<&'static [u8]> {
    let &(_, start, end) = embedded::FILES
        .iter()
        .find(|(path, ..)| *path == relative)?;
    embedded::PACK.get(start..end)
}

/// A built-in file's text, lent from the program.
pub fn embedded_text(relative: &str) -> Option<&'static str> {
    embedded_bytes(relative).map(embedded_str)
}

/// A built-in file's bytes as text (reading them all to check).
pub fn embedded_str(bytes: &'static [u8]) -> &'static str {
    std::str::from_utf8(bytes).expect("build.rs embeds the pack's UTF-8 text")
}

/// A built-in lesson or overview, with what the build read from it.
#[derive(Clone, Copy, Debug)]
pub struct EmbeddedLesson {
    /// The path relative to the pack.
    pub path: &'static str,
    /// The file, not yet read.
    pub text: &'static [u8],
    /// Its `# Title` as plain text; empty when it has none.
    pub title: &'static str,
    /// The ids of its quiz's questions, in order.
    pub quiz_ids: &'static [&'static str],
}

/// The built-in lesson at `relative` (not an exercise), without reading its text.
pub fn embedded_lesson(relative: &str) -> Option<EmbeddedLesson> {
    let &(path, title, quiz_ids) = embedded::LESSONS
        .iter()
        .find(|(path, ..)| *path == relative)?;
    Some(EmbeddedLesson {
        path,
        text: embedded_bytes(path)?,
        title,
        quiz_ids,
    })
}

fn collect_markdown(dir: &Path, root: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, root, files);
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(relative) = path.strip_prefix(root)
        {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}
